import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckpointEvent } from '../../../../shared/checkpoint-events';
import { ReplaySaver } from '../../../../electron/node/checkpoint-replay/replay-saver';
import { ModelCheckpoint } from '../../../../electron/node/checkpoint/model-checkpoint';
import { reconcileBest } from '../../../../electron/node/checkpoint/resume-point';
import { listCheckpoints } from '../../../../electron/node/checkpoint-io/checkpoint-store';
import { makeTempDir } from '../../../helpers/temp-dir';

async function dryRunCallback(dir: string, events: CheckpointEvent[], extra: Record<string, unknown> = {}) {
  return new ModelCheckpoint({
    filepath: 'ck/e{epoch}', baseDir: dir, saveBestOnly: true, saver: new ReplaySaver(), onEvent: (e) => events.push(e), print: () => {},
    ...extra,
  });
}

describe('ModelCheckpoint state', () => {
  it('does not replace a better checkpoint after restoreState', async () => {
    const dir = await makeTempDir();
    const events: CheckpointEvent[] = [];
    const before = await dryRunCallback(dir, events);
    await before.onTrainBegin();
    await before.handleEpochEnd(0, { val_loss: 0.3 });
    const resumed = await dryRunCallback(dir, events);
    resumed.restoreState(before.getState());
    await resumed.onTrainBegin();
    await resumed.handleEpochEnd(1, { val_loss: 0.4 });
    expect(events.filter((e) => e.kind === 'save').map((e) => (e as { path: string }).path)).toEqual(['ck/e1']);
    expect(events.at(-1)).toMatchObject({ kind: 'decision', outcome: 'not-improved', text: 'Epoch 2: val_loss did not improve from 0.30000' });
  });

  it('round-trips NaN and infinite values through the JSON state', async () => {
    const dir = await makeTempDir();
    const callback = await dryRunCallback(dir, [], { saveBestOnly: false, saveTopK: 3 });
    await callback.handleEpochEnd(0, { val_loss: Infinity });
    const state = JSON.parse(JSON.stringify(callback.getState()));
    expect(state.topK[0].value).toBe('Infinity');
    const restored = await dryRunCallback(dir, []);
    restored.restoreState(state);
    expect(restored.getState()).toEqual(state);
  });

  it('refuses a state that is not a sidecar state', async () => {
    const callback = await dryRunCallback(await makeTempDir(), []);
    expect(() => callback.restoreState({ best: 1 } as never)).toThrow('ModelCheckpoint.restoreState expects the `state` object');
  });

  it('raises the restored best to a better checkpoint already on disk (reconcileBest)', async () => {
    const dir = await makeTempDir();
    const events: CheckpointEvent[] = [];
    const run = await dryRunCallback(dir, events);
    await run.handleEpochEnd(0, { val_loss: 0.5 });
    const olderState = run.getState();
    await run.handleEpochEnd(1, { val_loss: 0.2 });
    const listing = await listCheckpoints(nodePath.join(dir, 'ck'));
    const reconciled = reconcileBest(olderState, { monitor: 'val_loss', mode: 'min' }, listing.checkpoints);
    expect(olderState.best).toBe(0.5);
    expect(reconciled.best).toBe(0.2);
  });
});
