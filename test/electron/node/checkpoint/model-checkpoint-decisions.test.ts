import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay, saves, texts } from '../../../helpers/replay-helper';

const L = (val_loss: number | string, extra: Record<string, unknown> = {}) => ({ loss: 0.5, val_loss, ...extra });

describe('ModelCheckpoint decisions (save_best_only)', () => {
  it('never saves a tie, in min and max mode', async () => {
    const min = await replay({ options: { filepath: 'b', save_best_only: true }, epochs: [L(0.5), L(0.5)] });
    const max = await replay({
      options: { filepath: 'b', save_best_only: true, monitor: 'acc', mode: 'max' },
      epochs: [{ acc: 0.9 }, { acc: 0.9 }],
    });
    expect(saves(min)).toEqual([[0, null, 'b']]);
    expect(saves(max)).toEqual([[0, null, 'b']]);
  });

  it('does not let a first NaN become the best (deliberately unlike Keras 3)', async () => {
    const trace = await replay({
      options: { filepath: 'b-{epoch}', save_best_only: true, verbose: 1 },
      epochs: [L('NaN'), L(0.7), L('NaN'), L(0.6)],
    });
    expect(texts(trace, 'print')).toEqual([
      '\nEpoch 1: val_loss did not improve from None',
      '\nEpoch 2: val_loss improved from None to 0.70000, saving model to b-2',
      '\nEpoch 2: finished saving model to b-2',
      '\nEpoch 3: val_loss did not improve from 0.70000',
      '\nEpoch 4: val_loss improved from 0.70000 to 0.60000, saving model to b-4',
      '\nEpoch 4: finished saving model to b-4',
    ]);
  });

  it('compares and prints infinities normally', async () => {
    const trace = await replay({
      options: { filepath: 'b', save_best_only: true, verbose: 1 },
      epochs: [L('Infinity'), L(1e22), L('-Infinity')],
    });
    expect(texts(trace, 'print').filter((t) => t.includes('improved'))).toEqual([
      '\nEpoch 1: val_loss improved from None to inf, saving model to b',
      '\nEpoch 2: val_loss improved from inf to 10000000000000000000000.00000, saving model to b',
      '\nEpoch 3: val_loss improved from 10000000000000000000000.00000 to -inf, saving model to b',
    ]);
  });

  it('seeds best with initialValueThreshold in max mode', async () => {
    const trace = await replay({
      options: { filepath: 'b', save_best_only: true, verbose: 1, monitor: 'val_acc', initial_value_threshold: 0.8 },
      epochs: [{ val_acc: 0.8 }, { val_acc: 0.85 }],
    });
    expect(texts(trace, 'print')[0]).toBe('\nEpoch 1: val_acc did not improve from 0.80000');
    expect(saves(trace)).toEqual([[1, null, 'b']]);
  });

  it.each([
    ['Infinity', 'min', '\nEpoch 1: val_loss improved from inf to 0.50000, saving model to b'],
    ['-Infinity', 'min', '\nEpoch 1: val_loss did not improve from -inf'],
  ])('takes initial_value_threshold written as "%s" (%s mode)', async (threshold, mode, line) => {
    const trace = await replay({ options: { filepath: 'b', save_best_only: true, verbose: 1, mode, initial_value_threshold: threshold }, epochs: [L(0.5)] });
    expect(texts(trace, 'print')[0]).toBe(line);
  });

  it('refuses save_freq written as "NaN" with Python\'s rendering', async () => {
    const trace = await replay({ options: { filepath: 'b', save_freq: 'NaN' }, epochs: [L(0.5)] });
    expect(texts(trace, 'error')).toEqual(["Unrecognized save_freq: nan. Expected save_freq are 'epoch' or integer values"]);
  });

  it('ignores initialValueThreshold without save_best_only', async () => {
    const trace = await replay({ options: { filepath: 'e{epoch}', initial_value_threshold: 0.1 }, epochs: [L(0.5), L(0.6)] });
    expect(saves(trace).map((s) => s[2])).toEqual(['e1', 'e2']);
  });

  it('warns and saves when the monitored value is not a scalar', async () => {
    const trace = await replay({
      options: { filepath: 'b-{epoch}', save_best_only: true, verbose: 1 },
      epochs: [{ loss: 0.5, val_loss: { __array__: [0.5, 0.25] } }],
    });
    expect(texts(trace, 'warning')).toEqual([
      'Can save best model only when `monitor` is a scalar value. Received: [0.5, 0.25]. Falling back to `save_best_only=False`.',
    ]);
    expect(saves(trace)).toEqual([[0, null, 'b-1']]);
    expect(texts(trace, 'print')).toEqual(['\nEpoch 1: finished saving model to b-1']);
  });

  it('prints nothing with verbose 0 but still decides', async () => {
    const trace = await replay({ options: { filepath: 'b', save_best_only: true, verbose: 0 }, epochs: [L(0.5), L(0.4)] });
    expect(texts(trace, 'print')).toEqual([]);
    expect(saves(trace).length).toBe(2);
  });

  it.each([[2], [true]])('treats verbose %s like 1', async (verbose) => {
    const trace = await replay({ options: { filepath: 'e', verbose }, epochs: [L(0.5)] });
    expect(texts(trace, 'print')).toEqual(['\nEpoch 1: saving model to e', '\nEpoch 1: finished saving model to e']);
  });
});

describe('ModelCheckpoint mode resolution', () => {
  it.each([
    ['val_loss', [0.5, 0.4], 2],
    ['val_acc', [0.5, 0.4], 1],
    ['val_accuracy', [0.5, 0.6], 2],
    ['val_auc', [0.5, 0.6], 2],
    ['meanSquaredError', [0.5, 0.4], 2],
    ['val_binaryCrossentropy', [0.5, 0.6], 1],
    ['total_loss', [0.5, 0.4], 2],
  ])('decides auto mode for %s from its name', async (monitor, values, expectedSaves) => {
    const trace = await replay({
      options: { filepath: 'b-{epoch}', save_best_only: true, monitor },
      epochs: values.map((v) => ({ [monitor]: v })),
    });
    expect(saves(trace).length).toBe(expectedSaves);
  });

  it('lets a compiled metric with a direction decide first', async () => {
    const trace = await replay({
      options: { filepath: 'b-{epoch}', save_best_only: true, monitor: 'val_score' },
      model_metrics: [{ name: 'score', direction: 'up' }],
      epochs: [{ val_score: 1 }, { val_score: 2 }, { val_score: 1.5 }],
    });
    expect(saves(trace).map((s) => s[2])).toEqual(['b-1', 'b-2']);
  });

  it('refuses an undecidable auto monitor before the first epoch, even without save_best_only', async () => {
    const trace = await replay({ options: { filepath: 'e', monitor: 'score' }, epochs: [{ score: 1 }] });
    expect(trace.completed).toBe(false);
    expect(trace.events).toEqual([
      {
        kind: 'error',
        epoch: null,
        batch: null,
        type: 'ValueError',
        text: expect.stringContaining("Pass mode: 'min' to keep the lowest value, or mode: 'max' to keep the highest."),
      },
    ]);
  });

  it("warns about an unknown mode and falls back to auto (case-sensitive: 'MAX')", async () => {
    const trace = await replay({ options: { filepath: 'b', save_best_only: true, mode: 'MAX' }, epochs: [L(0.5), L(0.4)] });
    expect(trace.events[0]).toEqual({
      kind: 'warning', epoch: null, batch: null, text: "ModelCheckpoint mode 'MAX' is unknown, fallback to auto mode.",
    });
    expect(saves(trace).length).toBe(2);
  });
});

describe('ModelCheckpoint save cadence', () => {
  it('counts batches across epochs with overshoot dropped (steps_per_execution indices)', async () => {
    const trace = await replay({
      options: { filepath: 'c-{epoch}-{batch}', save_freq: 3 },
      epochs: [
        { epoch_logs: { loss: 1 }, batch_indices: [1, 3, 5] },
        { epoch_logs: { loss: 1 }, batch_indices: [1, 3, 5] },
      ],
    });
    expect(saves(trace)).toEqual([[0, 3, 'c-1-4'], [1, 1, 'c-2-2'], [1, 5, 'c-2-6']]);
  });

  it('saves at (1,1) and (3,0) with save_freq 5 and 3 steps', async () => {
    const trace = await replay({ options: { filepath: 'c-{epoch}-{batch}', save_freq: 5 }, steps_per_epoch: 3, epochs: [{}, {}, {}, {}] });
    expect(saves(trace).map(([e, b]) => [e, b])).toEqual([[1, 1], [3, 0]]);
  });

  it.each([[0], [-3], [false]])('saves after every batch with save_freq %s', async (saveFreq) => {
    const trace = await replay({ options: { filepath: 'c-{epoch}-{batch}', save_freq: saveFreq }, steps_per_epoch: 2, epochs: [{}] });
    expect(saves(trace).map((s) => s[2])).toEqual(['c-1-1', 'c-1-2']);
  });

  it('compares batch-level saveBestOnly from the first due batch (Keras 3 crashes there)', async () => {
    const trace = await replay({
      options: { filepath: 'b-{epoch}-{batch}', save_freq: 1, save_best_only: true, monitor: 'loss', verbose: 1 },
      epochs: [{ epoch_logs: { loss: 0.5 }, batches: [{ loss: 0.9 }, { loss: 0.8 }, { loss: 0.85 }] }],
    });
    expect(texts(trace, 'print')).toEqual([
      '\nEpoch 1: loss improved from None to 0.90000, saving model to b-1-1',
      '\nEpoch 1: finished saving model to b-1-1',
      '\nEpoch 1: loss improved from 0.90000 to 0.80000, saving model to b-1-2',
      '\nEpoch 1: finished saving model to b-1-2',
      '\nEpoch 1: loss did not improve from 0.80000',
    ]);
  });

  it('uses a batch key of the batch logs instead of the batch number', async () => {
    const trace = await replay({
      options: { filepath: 'c-{batch}', save_freq: 1 },
      epochs: [{ epoch_logs: {}, batches: [{ loss: 1, batch: 7 }] }],
    });
    expect(saves(trace)).toEqual([[0, 0, 'c-7.0']]);
  });

  it('considers only every N-th epoch with everyNEpochs', async () => {
    const trace = await replay({ options: { filepath: 'e{epoch}', everyNEpochs: 2 }, epochs: [L(1), L(1), L(1), L(1), L(1)] });
    expect(saves(trace).map((s) => s[2])).toEqual(['e2', 'e4']);
  });

  it('numbers epochs from initial_epoch', async () => {
    const trace = await replay({ options: { filepath: 'e{epoch:03d}' }, initial_epoch: 4, epochs: [L(1)] });
    expect(saves(trace)).toEqual([[4, null, 'e005']]);
  });
});

describe('ModelCheckpoint path formatting errors', () => {
  it.each([
    ['m-{loss:02d}', 'ValueError', "Unknown format code 'd' for object of type 'float'"],
    ['m-{}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
    ['m-{batch}', 'KeyError', 'Failed to format this callback filepath: "m-{batch}". Reason: \'batch\''],
    ['m-{epoch', 'ValueError', "expected '}' before end of string"],
  ])('fails %s at the first save the way Python does', async (filepath, type, text) => {
    const trace = await replay({ options: { filepath }, epochs: [L(1)] });
    expect(trace.completed).toBe(false);
    expect(trace.events).toEqual([{ kind: 'error', epoch: 0, batch: null, type, text }]);
  });

  it('fails when the logs carry an epoch key, as str.format does', async () => {
    const trace = await replay({ options: { filepath: 'm' }, epochs: [{ loss: 1, epoch: 3 }] });
    expect(trace.events).toEqual([
      { kind: 'error', epoch: 0, batch: null, type: 'TypeError', text: "str.format() got multiple values for keyword argument 'epoch'" },
    ]);
  });

  it('fails a missing key even on an epoch that would not have been saved', async () => {
    const trace = await replay({
      options: { filepath: 'm-{val_acc:.2f}', save_best_only: true },
      epochs: [{ val_loss: 0.5, val_acc: 0.5 }, { val_loss: 0.6 }],
    });
    expect(trace.events.at(-1)).toMatchObject({ kind: 'error', epoch: 1, type: 'KeyError' });
  });
});

describe('ModelCheckpoint constructor validation', () => {
  it.each([
    [{ filepath: 'm', period: 2 }, 'TypeError', /unexpected option 'period'.*everyNEpochs/],
    [{ filepath: 'm', save_freq: 'batch' }, 'ValueError', /^Unrecognized save_freq: batch\. Expected save_freq are 'epoch' or integer values$/],
    [{ filepath: 'm', save_freq: 2.5 }, 'ValueError', /^Unrecognized save_freq: 2\.5\./],
    [{ filepath: 'm', saveTopK: -2 }, 'ValueError', /'saveTopK' must be an integer >= 0, or -1/],
    [{ filepath: 'm', everyNEpochs: 0 }, 'ValueError', /'everyNEpochs' must be an integer >= 1; received 0/],
    [{ filepath: 'm', everyNEpochs: 2, save_freq: 3 }, 'ValueError', /only applies with saveFreq: 'epoch'/],
    [{ filepath: '' }, 'TypeError', /'filepath' must be a non-empty path template/],
  ])('refuses %j', async (options, type, text) => {
    const trace = await replay({ options, epochs: [L(1)] });
    expect(trace.completed).toBe(false);
    expect(trace.events).toHaveLength(1);
    expect(trace.events[0]).toMatchObject({ kind: 'error', epoch: null, batch: null, type });
    expect((trace.events[0] as { text: string }).text).toMatch(text);
  });

  it('refuses the float literal 2.0 for save_freq, as Keras does', async () => {
    const trace = await replay('{"options": {"filepath": "m", "save_freq": 2.0}, "steps_per_epoch": 2, "epochs": [{"epoch_logs": {}}]}');
    expect(trace.events).toEqual([
      { kind: 'error', epoch: null, batch: null, type: 'ValueError', text: "Unrecognized save_freq: 2.0. Expected save_freq are 'epoch' or integer values" },
    ]);
  });

  it('accepts the integer literal 2 for save_freq', async () => {
    const trace = await replay('{"options": {"filepath": "c{batch}", "save_freq": 2}, "steps_per_epoch": 2, "epochs": [{"epoch_logs": {}}]}');
    expect(saves(trace)).toEqual([[0, 1, 'c2']]);
  });
});

describe('ModelCheckpoint occupied targets and failed saves', () => {
  it('refuses to overwrite a folder that is not a checkpoint and leaves it untouched', async () => {
    const trace = await replay({
      options: { filepath: 'keep/e{epoch}' },
      pre_existing_dirs: ['keep/e2'],
      pre_existing_files: ['keep/e2/notes.txt'],
      epochs: [L(1), L(1), L(1)],
    });
    expect(trace.completed).toBe(false);
    expect(saves(trace).map((s) => s[2])).toEqual(['keep/e1']);
    expect(trace.events.at(-1)).toMatchObject({ kind: 'error', epoch: 1, type: 'FileExistsError' });
    expect((trace.events.at(-1) as { text: string }).text).toContain('keep/e2');
    expect(readFileSync(nodePath.join(trace.outDir, 'keep/e2/notes.txt'), 'utf8')).toBe('a file the user owns\n');
  });

  it('refuses to overwrite a user file at the target path', async () => {
    const trace = await replay({ options: { filepath: 'model' }, pre_existing_files: ['model'], epochs: [L(1)] });
    expect(trace.events.at(-1)).toMatchObject({ kind: 'error', type: 'FileExistsError' });
    expect(readFileSync(nodePath.join(trace.outDir, 'model'), 'utf8')).toBe('a file the user owns\n');
  });

  it('stops at a failed save with the path and the reason, keeping earlier checkpoints', async () => {
    const trace = await replay({
      options: { filepath: 'e{epoch}', verbose: 1 },
      fake_save_errors: [{ call: 2, type: 'OSError', message: '[Errno 28] No space left on device' }],
      epochs: [L(1), L(1), L(1)],
    });
    expect(trace.completed).toBe(false);
    expect(trace.events.slice(-2)).toEqual([
      { kind: 'print', epoch: 1, batch: null, text: '\nEpoch 2: saving model to e2' },
      { kind: 'error', epoch: 1, batch: null, type: 'OSError', text: 'Could not save checkpoint to e2: OSError: [Errno 28] No space left on device' },
    ]);
    expect(existsSync(nodePath.join(trace.outDir, 'e1', 'checkpoint.json'))).toBe(true);
    expect(existsSync(nodePath.join(trace.outDir, 'e2'))).toBe(false);
  });

  it('creates template directories only for saves that happen', async () => {
    const trace = await replay({
      options: { filepath: 'out/e{epoch:02d}/model', save_best_only: true },
      epochs: [L(1.0), L(1.1), L(0.8)],
    });
    expect(existsSync(nodePath.join(trace.outDir, 'out/e01/model'))).toBe(true);
    expect(existsSync(nodePath.join(trace.outDir, 'out/e02'))).toBe(false);
    expect(existsSync(nodePath.join(trace.outDir, 'out/e03/model'))).toBe(true);
  });
});
