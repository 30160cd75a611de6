import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import * as nodePath from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineEvent } from '../../../../shared/engine-events';
import type { RunConfigInput } from '../../../../shared/run-config';
import type { RunRecord } from '../../../../shared/run-record';
import { EngineService } from '../../../../electron/node/engine/engine-service';
import { RunStore } from '../../../../electron/node/engine/run-store';
import { makeTempDir } from '../../../helpers/temp-dir';
import { useCpuBackend } from '../../../helpers/tiny-model';
import { makeRun } from '../../../renderer/fixtures';

beforeAll(useCpuBackend);

async function engine() {
  const workspace = await makeTempDir('workbench-service-');
  const store = new RunStore(workspace);
  const events: EngineEvent[] = [];
  const service = new EngineService({
    store,
    host: 'electron',
    emit: (channel, payload) => {
      if (channel === 'training:event') events.push(payload as EngineEvent);
    },
  });
  /** Resolves with the record of the run's next `run-finished` (or rejects on `run-failed`). */
  const finished = (runId: string, after = events.length) =>
    new Promise<RunRecord>((resolve, reject) => {
      const poll = setInterval(() => {
        const end = events.slice(after).find((event) => (event.type === 'run-finished' || event.type === 'run-failed') && event.runId === runId);
        if (!end) return;
        clearInterval(poll);
        if (end.type === 'run-finished') resolve(end.run);
        else reject(new Error(end.type === 'run-failed' ? end.error.message : end.type));
      }, 10);
    });
  return { workspace, store, service, events, finished };
}

/** A run folder with a record and checkpoint folders; `withSidecar` ids get a `checkpoint.json`. */
async function runWithCheckpoints(store: RunStore, runId: string, withSidecar: string[], without: string[] = []) {
  mkdirSync(store.runDir(runId));
  await store.writeRecord(makeRun({ id: runId, status: 'completed' }));
  for (const id of [...withSidecar, ...without]) mkdirSync(store.checkpointDir(runId, id), { recursive: true });
  for (const id of withSidecar) writeFileSync(nodePath.join(store.checkpointDir(runId, id), 'checkpoint.json'), '{"format":"training-workbench-checkpoint"}');
}

const irisConfig = (extra: Partial<RunConfigInput> = {}): RunConfigInput => ({
  dataset: { kind: 'iris' },
  model: { preset: 'mlp', hiddenUnits: [8] },
  training: { epochs: 2, batchSize: 32, learningRate: 0.05 },
  backend: 'cpu',
  ...extra,
});

describe('EngineService checkpoints:locate', () => {
  it('answers the real absolute folder of a checkpoint, nested ids included', async () => {
    const { service, store, workspace } = await engine();
    await runWithCheckpoints(store, 'run-1', ['top/epoch03']);
    const { dir } = await service.handle('checkpoints:locate', { runId: 'run-1', checkpointId: 'top/epoch03' });
    expect(dir).toBe(nodePath.join(await realpath(workspace), 'run-1', 'checkpoints', 'top', 'epoch03'));
    expect(nodePath.isAbsolute(dir)).toBe(true);
  });

  it('refuses a folder without checkpoint.json', async () => {
    const { service, store } = await engine();
    await runWithCheckpoints(store, 'run-1', ['top/epoch03']);
    await expect(service.handle('checkpoints:locate', { runId: 'run-1', checkpointId: 'top' })).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_FOUND',
      message: "No checkpoint 'top' in run run-1: its folder has no checkpoint.json.",
    });
  });

  it('refuses a checkpoint that does not exist', async () => {
    const { service, store } = await engine();
    await runWithCheckpoints(store, 'run-1', ['epoch01']);
    await expect(service.handle('checkpoints:locate', { runId: 'run-1', checkpointId: 'epoch09' })).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_FOUND',
      message: "No checkpoint 'epoch09' in run run-1: its folder does not exist.",
    });
  });

  it('refuses an id that leaves the run, even when the engine is called without the contract\'s check', async () => {
    const { service, store } = await engine();
    await runWithCheckpoints(store, 'run-1', ['epoch01']);
    await runWithCheckpoints(store, 'run-2', ['epoch01']);
    await expect(service.handle('checkpoints:locate', { runId: 'run-1', checkpointId: '../../run-2/checkpoints/epoch01' })).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_FOUND',
      message: "'../../run-2/checkpoints/epoch01' is not a checkpoint id of run run-1 (ids are paths inside its checkpoints folder).",
    });
  });

  it('refuses a checkpoint folder that is a link out of the run\'s checkpoints folder', async () => {
    const { service, store } = await engine();
    await runWithCheckpoints(store, 'run-1', ['epoch01']);
    await runWithCheckpoints(store, 'run-2', ['epoch01']);
    symlinkSync(store.checkpointDir('run-2', 'epoch01'), store.checkpointDir('run-1', 'borrowed'), 'dir');
    await expect(service.handle('checkpoints:locate', { runId: 'run-1', checkpointId: 'borrowed' })).rejects.toMatchObject({
      code: 'CHECKPOINT_NOT_FOUND',
      message: "No checkpoint 'borrowed' in run run-1: its folder links outside the run's checkpoints folder.",
    });
  });

  it('refuses a run that does not exist', async () => {
    const { service } = await engine();
    await expect(service.handle('checkpoints:locate', { runId: 'run-9', checkpointId: 'epoch01' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^No run 'run-9' in /),
    });
  });
});

describe('EngineService checkpoints:preview-path', () => {
  it.each<[string, 'epoch' | number | undefined, { path: string } | { error: string }]>([
    ['epoch{epoch:02d}-{val_loss:.4f}', undefined, { path: 'epoch01-0.2345' }],
    ['epoch{epoch:02d}-{val_loss:.4f}', 'epoch', { path: 'epoch01-0.2345' }],
    ['b{batch:04d}-{loss:.3f}', 250, { path: 'b0250-0.123' }],
    ['e{epoch}-b{batch}', 1, { path: 'e1-b1' }],
    ['b{batch}', 'epoch', { error: 'Failed to format this callback filepath: "b{batch}". Reason: \'batch\'' }],
    ['b{batch}-{val_loss:.4f}', 100, { error: 'Failed to format this callback filepath: "b{batch}-{val_loss:.4f}". Reason: \'val_loss\'' }],
  ])('previews %s with saveFreq %s as %j', async (template, saveFreq, expected) => {
    const { service } = await engine();
    const request = saveFreq === undefined ? { template, monitor: 'val_loss' } : { template, monitor: 'val_loss', saveFreq };
    await expect(service.handle('checkpoints:preview-path', request)).resolves.toEqual(expected);
  });
});

describe('EngineService training:validate', () => {
  it.each<[string, Partial<RunConfigInput>, { path: string; message: RegExp }]>([
    ['a Keras file name', { checkpoint: { filepath: 'best.keras' } }, { path: 'checkpoint.filepath', message: /^ModelCheckpoint option 'filepath' ends in '\.keras'/ }],
    ['two cadences', { checkpoint: { saveFreq: 10, everyNEpochs: 2, monitor: 'loss', filepath: 'b{batch}' } }, { path: 'checkpoint.everyNEpochs', message: /^ModelCheckpoint option 'everyNEpochs' \(2\) only applies with saveFreq: 'epoch'/ }],
    ['a schema problem', { training: { epochs: 0 } }, { path: 'training.epochs', message: /expected number to be >=1/ }],
  ])('reports %s at its field', async (_name, extra, issue) => {
    const { service } = await engine();
    const result = await service.handle('training:validate', { config: irisConfig(extra) });
    expect(result).toEqual({ ok: false, issues: [{ path: issue.path, message: expect.stringMatching(issue.message) }] });
  });

  it('accepts a configuration ModelCheckpoint accepts', async () => {
    const { service } = await engine();
    await expect(service.handle('training:validate', { config: irisConfig() })).resolves.toMatchObject({ ok: true, config: { training: { epochs: 2 } } });
  });
});

describe('EngineService training:resume', () => {
  it('continues a completed run up to the total epochs it is given', async () => {
    const { service, store, finished } = await engine();
    const before = tf.memory().numTensors;
    const { runId } = await service.handle('training:start', { config: irisConfig() });
    expect((await finished(runId)).epochsCompleted).toBe(2);

    const resumed = finished(runId);
    await expect(service.handle('training:resume', { runId, epochs: 4 })).resolves.toEqual({ runId });
    const record = await resumed;
    expect(record).toMatchObject({ status: 'completed', epochsCompleted: 4, config: { training: { epochs: 4 } }, resumedFrom: { runId, checkpointId: 'last' } });
    expect((await store.readHistory(runId)).map((entry) => entry.epoch)).toEqual([0, 1, 2, 3]);
    // The model is disposed just after `run-finished` is emitted.
    await vi.waitFor(() => expect(tf.memory().numTensors).toBe(before), { timeout: 2000 });
  }, 30_000);

  it('refuses to continue a completed run without a larger total', async () => {
    const { service, finished } = await engine();
    const before = tf.memory().numTensors;
    const { runId } = await service.handle('training:start', { config: irisConfig() });
    await finished(runId);
    await expect(service.handle('training:resume', { runId, epochs: 2 })).rejects.toThrow(`Checkpoint last of run ${runId} is at epoch 2 of 2: nothing left to train.`);
    await vi.waitFor(() => expect(tf.memory().numTensors).toBe(before), { timeout: 2000 });
  }, 30_000);
});
