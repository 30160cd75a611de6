import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../shared/engine-events';
import { applyRunEvents, runStreamStateFromSnapshot } from '../../../../renderer/features/run-view/run-stream-state';
import { makeRun } from '../../fixtures';

const run = makeRun();
const epochEnd = (epoch: number, loss: number): EngineEvent => ({ type: 'epoch-end', runId: run.id, epoch, logs: { loss, val_loss: loss + 0.1 }, elapsedMs: 1000 * (epoch + 1) });
const batchEnd = (epoch: number, batch: number, loss: number): EngineEvent => ({
  type: 'batch-end',
  runId: run.id,
  epoch,
  batch,
  batchesPerEpoch: 4,
  logs: { loss },
  samplesPerSecond: 1234,
});
const initial = () =>
  runStreamStateFromSnapshot({ run, history: [{ epoch: 0, logs: { loss: 1, val_loss: 1.1 }, elapsedMs: 1000, time: '2026-11-25T10:00:02Z' }] });

describe('applyRunEvents', () => {
  it('appends epochs after the snapshot', () => {
    const state = applyRunEvents(initial(), [epochEnd(1, 0.5), epochEnd(2, 0.25)]);
    expect(state.epochs.map((point) => [point.epoch, point.logs.loss])).toEqual([
      [0, 1],
      [1, 0.5],
      [2, 0.25],
    ]);
  });

  it('replaces an epoch seen again and drops what came after it (a resume from an earlier checkpoint)', () => {
    const state = applyRunEvents(initial(), [epochEnd(1, 0.5), epochEnd(2, 0.25), epochEnd(1, 0.6)]);
    expect(state.epochs.map((point) => [point.epoch, point.logs.loss])).toEqual([
      [0, 1],
      [1, 0.6],
    ]);
  });

  it('places batches at fractional epochs and tracks progress', () => {
    const state = applyRunEvents(initial(), [batchEnd(1, 0, 0.9), batchEnd(1, 1, 0.8)]);
    expect(state.batches).toEqual([
      { x: 1.25, logs: { loss: 0.9 } },
      { x: 1.5, logs: { loss: 0.8 } },
    ]);
    expect(state.progress).toEqual({ epoch: 1, batch: 1, batchesPerEpoch: 4, samplesPerSecond: 1234 });
    expect(state.batchesPerEpoch).toBe(4);
  });

  it('records saves (marking the best) and forgets deleted ones', () => {
    const save = (path: string, epoch: number, value: number, best: number, reason: 'improved' | 'last' = 'improved'): EngineEvent => ({
      type: 'checkpoint',
      runId: run.id,
      event: { kind: 'save', epoch, batch: null, path, weightsOnly: false, dir: `/w/${path}`, reason, value, best, sizeBytes: 10 },
    });
    const state = applyRunEvents(initial(), [
      save('a', 0, 0.5, 0.5),
      save('b', 1, 0.7, 0.5),
      save('last', 1, 0.5, 0.5, 'last'),
      { type: 'checkpoint', runId: run.id, event: { kind: 'delete', epoch: 1, batch: null, path: 'a', dir: '/w/a', reason: 'top-k' } },
    ]);
    expect(state.saves).toEqual([
      { id: 'b', epoch: 1, batch: null, value: 0.7, best: false, reason: 'improved' },
      { id: 'last', epoch: 1, batch: null, value: 0.5, best: false, reason: 'last' },
    ]);
    expect(state.log.map((line) => line.text)).toEqual([
      'Saved a (best so far)',
      'Saved b',
      'Saved last (last epoch, for resuming)',
      'Removed a (not in the top k)',
    ]);
  });

  it('logs decision texts, warnings and the failure message', () => {
    const state = applyRunEvents(initial(), [
      {
        type: 'checkpoint',
        runId: run.id,
        event: { kind: 'decision', epoch: 1, batch: null, outcome: 'improved', path: 'x', monitor: 'val_loss', value: 0.4, best: 0.4, text: 'Epoch 2: val_loss improved from 0.5 to 0.4' },
      },
      { type: 'warning', runId: run.id, text: 'slow backend' },
      { type: 'run-failed', runId: run.id, run: { ...run, status: 'failed' }, error: { code: 'DATA', message: 'bad.csv line 3: not a number' } },
    ]);
    expect(state.log.map((line) => [line.level, line.text])).toEqual([
      ['info', 'Epoch 2: val_loss improved from 0.5 to 0.4'],
      ['warning', 'slow backend'],
      ['error', 'bad.csv line 3: not a number'],
    ]);
    expect(state.run.status).toBe('failed');
    expect(state.progress).toBeNull();
  });

  it('logs a checkpoint error that failed the run once', () => {
    const text = 'Failed to format this callback filepath: "e{val_acc}". Reason: \'val_acc\'';
    const state = applyRunEvents(initial(), [
      { type: 'checkpoint', runId: run.id, event: { kind: 'error', epoch: 0, batch: 39, type: 'KeyError', code: 'CONFIG', text } },
      { type: 'run-failed', runId: run.id, run: { ...run, status: 'failed' }, error: { code: 'CONFIG', message: text } },
    ]);
    expect(state.log.map((line) => line.text)).toEqual([text]);
  });

  it('returns the same state for an empty frame', () => {
    const state = initial();
    expect(applyRunEvents(state, [])).toBe(state);
  });
});
