import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import type { CheckpointFs } from '../../../../electron/node/checkpoint-io/checkpoint-fs';
import { idOf, listCheckpoints, openStore } from '../../../../electron/node/checkpoint-io/checkpoint-store';
import { type CheckpointSidecarInput, writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { makeTempDir, sidecarInput, type TempDir, useModelAndTempDir } from './helpers';

const DEAD_PID = 2 ** 30;

describe('listCheckpoints', () => {
  let tmp: TempDir;
  let model: tf.LayersModel;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) });

  /** A placeholder checkpoint created at minute `minute` of a fixed hour. */
  async function placeholder(id: string, minute: number, overrides: Partial<CheckpointSidecarInput> = {}): Promise<void> {
    const createdAt = `2026-01-01T00:${String(minute).padStart(2, '0')}:00.000Z`;
    await writeCheckpoint(path.join(tmp.dir, id), { kind: 'placeholder', sidecar: sidecarInput({ createdAt, ...overrides }) });
  }

  it('lists checkpoints oldest first, marking the newest as last and the lowest val_loss as best', async () => {
    await placeholder('run/e03', 3, { value: 0.4 });
    await placeholder('run/e01', 1, { value: 0.5 });
    await placeholder('run/e02', 2, { value: 0.3 });
    await placeholder('run/e04', 4, { value: 'NaN' });
    await placeholder('run/e05', 5, { value: null });
    const { checkpoints, unreadable } = await listCheckpoints(tmp.dir);
    expect(unreadable).toEqual([]);
    expect(checkpoints.map((c) => [c.id, c.isBest, c.isLast])).toEqual([
      ['run/e01', false, false],
      ['run/e02', true, false],
      ['run/e03', false, false],
      ['run/e04', false, false],
      ['run/e05', false, true],
    ]);
    expect(checkpoints[0].dir).toBe(path.join(tmp.dir, 'run', 'e01'));
  });

  it('marks the earliest of tied values best, and the highest for mode max', async () => {
    await placeholder('a', 1, { monitor: 'val_acc', mode: 'max', value: 0.9 });
    await placeholder('b', 2, { monitor: 'val_acc', mode: 'max', value: 0.95 });
    await placeholder('c', 3, { monitor: 'val_acc', mode: 'max', value: 0.95 });
    const { checkpoints } = await listCheckpoints(tmp.dir);
    expect(checkpoints.filter((c) => c.isBest).map((c) => c.id)).toEqual(['b']);
  });

  it('marks a best per monitor and mode when runs monitor different things', async () => {
    await placeholder('loss-1', 1, { monitor: 'val_loss', mode: 'min', value: 0.5 });
    await placeholder('loss-2', 2, { monitor: 'val_loss', mode: 'min', value: 0.2 });
    await placeholder('acc-1', 3, { monitor: 'val_acc', mode: 'max', value: 0.7 });
    await placeholder('acc-2', 4, { monitor: 'val_acc', mode: 'max', value: 0.6 });
    await placeholder('neg-inf', 5, { monitor: 'score', mode: 'min', value: '-Infinity' });
    const { checkpoints } = await listCheckpoints(tmp.dir);
    expect(checkpoints.filter((c) => c.isBest).map((c) => c.id)).toEqual(['loss-2', 'acc-1', 'neg-inf']);
  });

  it('reports an unreadable sidecar without hiding the other checkpoints', async () => {
    await placeholder('good', 1);
    await placeholder('bad', 2);
    await nodeFs.writeFile(path.join(tmp.dir, 'bad', 'checkpoint.json'), '{ not json');
    const { checkpoints, unreadable } = await listCheckpoints(tmp.dir);
    expect(checkpoints.map((c) => c.id)).toEqual(['good']);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toMatchObject({ id: 'bad', dir: path.join(tmp.dir, 'bad'), error: { code: 'CHECKPOINT_CORRUPT' } });
    expect(unreadable[0].error.message).toMatch(
      new RegExp(`^Checkpoint sidecar ${path.join(tmp.dir, 'bad', 'checkpoint.json')} is not valid JSON`),
    );
  });

  it('ignores another program\'s checkpoint.json, our temporaries and symbolic links', async () => {
    await placeholder('real', 1);
    await nodeFs.mkdir(path.join(tmp.dir, 'other-app'));
    await nodeFs.writeFile(path.join(tmp.dir, 'other-app', 'checkpoint.json'), '{"model_checkpoint_path": "x"}');
    await placeholder(`.real.wbtmp-${DEAD_PID}-0a1b2c3d`, 2);
    await nodeFs.symlink(path.join(tmp.dir, 'real'), path.join(tmp.dir, 'alias'));
    const { checkpoints, unreadable } = await listCheckpoints(tmp.dir);
    expect(checkpoints.map((c) => c.id)).toEqual(['real']);
    expect(unreadable).toEqual([]);
  });

  it('searches no deeper than maxDepth', async () => {
    await placeholder('a/b/c', 1);
    expect((await listCheckpoints(tmp.dir, { maxDepth: 2 })).checkpoints).toEqual([]);
    expect((await listCheckpoints(tmp.dir, { maxDepth: 3 })).checkpoints.map((c) => c.id)).toEqual(['a/b/c']);
  });

  it('reads sidecars only, never weights, and sums the recorded sizes', async () => {
    const sidecar = await writeCheckpoint(path.join(tmp.dir, 'm'), { model, kind: 'model', sidecar: sidecarInput() });
    const read: string[] = [];
    const fs: CheckpointFs = { ...nodeFs, readFile: ((file: string, options?: unknown) => {
      read.push(path.basename(String(file)));
      return nodeFs.readFile(file, options as never);
    }) as CheckpointFs['readFile'] };
    const { checkpoints } = await listCheckpoints(tmp.dir, { fs });
    expect(read).toEqual(['checkpoint.json']);
    expect(checkpoints[0].sizeBytes).toBe(sidecar.files[0].size + sidecar.files[1].size);
  });

  it('lists nothing for a root that does not exist', async () => {
    expect(await listCheckpoints(path.join(tmp.dir, 'missing'))).toEqual({ checkpoints: [], unreadable: [] });
  });

  it('names the root itself "." when the root is a checkpoint', async () => {
    await placeholder('only', 1);
    expect((await listCheckpoints(path.join(tmp.dir, 'only'))).checkpoints.map((c) => c.id)).toEqual(['.']);
  });
});

describe('idOf', () => {
  it('gives its doc example', () => {
    expect(idOf('/runs', '/runs/a/epoch-03')).toBe('a/epoch-03');
  });
});

describe('openStore', () => {
  it('recovers an interrupted replace before listing', async () => {
    const tmp = await makeTempDir();
    try {
      const old = path.join(tmp.dir, `.last.wbold-${DEAD_PID}-0a1b2c3d`);
      await writeCheckpoint(old, { kind: 'placeholder', sidecar: sidecarInput({ epoch: 3 }) });
      const opened = await openStore(tmp.dir);
      expect(opened.sweep.restored).toEqual([path.join(tmp.dir, 'last')]);
      expect(opened.checkpoints.map((c) => [c.id, c.sidecar.epoch, c.isLast])).toEqual([['last', 3, true]]);
    } finally {
      await tmp.cleanup();
    }
  });
});
