import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import { replay, saves } from '../../../helpers/replay-helper';

const vl = (val_loss: number) => ({ loss: 1, val_loss });

describe('ModelCheckpoint retention', () => {
  it('keeps the k best and deletes those that fall out', async () => {
    const trace = await replay({ options: { filepath: 'ck/e{epoch}', saveTopK: 2 }, epochs: [vl(0.5), vl(0.4), vl(0.45), vl(0.3), vl(0.9)] });
    expect(saves(trace).map((s) => s[2])).toEqual(['ck/e1', 'ck/e2', 'ck/e3', 'ck/e4']);
    expect(trace.events.filter((ev) => ev.kind === 'delete').map((ev) => (ev as { path: string }).path)).toEqual(['ck/e1', 'ck/e3']);
    const left = ['e1', 'e2', 'e3', 'e4', 'e5'].filter((name) => existsSync(nodePath.join(trace.outDir, 'ck', name)));
    expect(left).toEqual(['e2', 'e4']);
  });

  it('never deletes the best with saveBestOnly and per-epoch names', async () => {
    const trace = await replay({
      options: { filepath: 'ck/e{epoch}', save_best_only: true, saveTopK: 1 },
      epochs: [vl(0.5), vl(0.4), vl(0.6), vl(0.35)],
    });
    const left = ['e1', 'e2', 'e3', 'e4'].filter((name) => existsSync(nodePath.join(trace.outDir, 'ck', name)));
    expect(left).toEqual(['e4']);
  });

  it('keeps an always-current last checkpoint beside the template root', async () => {
    const trace = await replay({
      options: { filepath: 'ck/best', save_best_only: true, saveLast: true },
      epochs: [vl(0.5), vl(0.6)],
    });
    expect(saves(trace)).toEqual([[0, null, 'ck/best'], [0, null, 'ck/last'], [1, null, 'ck/last']]);
    const sidecar = JSON.parse(readFileSync(nodePath.join(trace.outDir, 'ck/last/checkpoint.json'), 'utf8'));
    expect(sidecar).toMatchObject({ epoch: 1, reason: 'last', best: 0.5, value: 0.6 });
  });

  it('records the callback state in every sidecar for resume', async () => {
    const trace = await replay({ options: { filepath: 'ck/e{epoch}', saveTopK: 2, save_freq: 3 }, steps_per_epoch: 2, epochs: [vl(0.5), vl(0.4)] });
    expect(saves(trace)).toEqual([[1, 0, 'ck/e2']]);
    const sidecar = JSON.parse(readFileSync(nodePath.join(trace.outDir, 'ck/e2/checkpoint.json'), 'utf8'));
    expect(sidecar.state).toEqual({
      best: null, batchCounter: 0, lastBatchIndex: 0, topK: [{ path: 'ck/e2', value: null, epoch: 1, batch: 0 }], lastPath: null,
    });
    expect(sidecar).toMatchObject({ kind: 'placeholder', epoch: 1, batch: 0, reason: 'periodic', monitor: 'val_loss', mode: 'min', files: [] });
  });
});
