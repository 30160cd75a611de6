import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { recoverTarget, sweepTemporaries } from '../../../../electron/node/checkpoint-io/sweep-temporaries';
import { listTree, makeTempDir, sidecarInput, snapshot, type TempDir, useModelAndTempDir } from './helpers';

/** A process id no process has (above Linux's pid_max). */
const DEAD_PID = 2 ** 30;

describe('sweepTemporaries', () => {
  let tmp: TempDir;
  let model: tf.LayersModel;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) });

  /** Writes a complete checkpoint at `entry` (relative to the temp dir) with the given epoch. */
  async function checkpointAt(entry: string, epoch: number): Promise<string> {
    const scratch = path.join(tmp.dir, `scratch-${epoch}-${Math.random().toString(16).slice(2)}`);
    await writeCheckpoint(scratch, { model, kind: 'model', sidecar: sidecarInput({ epoch }) });
    const target = path.join(tmp.dir, entry);
    await nodeFs.mkdir(path.dirname(target), { recursive: true });
    await nodeFs.rename(scratch, target);
    return target;
  }

  it('removes a dead writer\'s unfinished new checkpoint and keeps the target', async () => {
    const target = await checkpointAt('ckpt', 0);
    const leftover = await checkpointAt(`.ckpt.wbtmp-${DEAD_PID}-0a1b2c3d`, 1);
    await nodeFs.rm(path.join(leftover, 'checkpoint.json'));
    const report = await sweepTemporaries(tmp.dir);
    expect(report).toEqual({ rolledForward: [], restored: [], removed: [leftover], leftAlone: [] });
    expect(await listTree(tmp.dir)).toEqual(['ckpt', 'ckpt/checkpoint.json', 'ckpt/model.json', 'ckpt/weights.bin']);
    expect((await verifyCheckpoint(target)).epoch).toBe(0);
  });

  it('rolls forward to the new checkpoint when a replace died between its two renames', async () => {
    const old = await checkpointAt(`.ckpt.wbold-${DEAD_PID}-0a1b2c3d`, 0);
    await checkpointAt(`.ckpt.wbtmp-${DEAD_PID}-0a1b2c3d`, 1);
    const report = await sweepTemporaries(tmp.dir);
    const target = path.join(tmp.dir, 'ckpt');
    expect(report).toEqual({ rolledForward: [target], restored: [], removed: [old], leftAlone: [] });
    expect((await verifyCheckpoint(target)).epoch).toBe(1);
    expect(await listTree(tmp.dir)).toEqual(['ckpt', 'ckpt/checkpoint.json', 'ckpt/model.json', 'ckpt/weights.bin']);
  });

  it.each([
    ['its sidecar is missing', async (dir: string) => nodeFs.rm(path.join(dir, 'checkpoint.json'))],
    ['its weights.bin is truncated', async (dir: string) => nodeFs.truncate(path.join(dir, 'weights.bin'), 3)],
    ['it belongs to another write', async (dir: string) => nodeFs.rename(dir, dir.replace('0a1b2c3d', 'ffffffff'))],
  ])('restores the old checkpoint when the new one of the interrupted replace is unusable because %s', async (_, spoil) => {
    await checkpointAt(`.ckpt.wbold-${DEAD_PID}-0a1b2c3d`, 0);
    await spoil(await checkpointAt(`.ckpt.wbtmp-${DEAD_PID}-0a1b2c3d`, 1));
    const report = await sweepTemporaries(tmp.dir);
    const target = path.join(tmp.dir, 'ckpt');
    expect(report.restored).toEqual([target]);
    expect(report.removed).toHaveLength(1);
    expect((await verifyCheckpoint(target)).epoch).toBe(0);
    expect(await listTree(tmp.dir)).toEqual(['ckpt', 'ckpt/checkpoint.json', 'ckpt/model.json', 'ckpt/weights.bin']);
  });

  it('deletes the old checkpoint of a replace that finished but died before cleaning up', async () => {
    await checkpointAt('ckpt', 1);
    const old = await checkpointAt(`.ckpt.wbold-${DEAD_PID}-0a1b2c3d`, 0);
    expect((await sweepTemporaries(tmp.dir)).removed).toEqual([old]);
    expect((await verifyCheckpoint(path.join(tmp.dir, 'ckpt'))).epoch).toBe(1);
  });

  it('finishes a deletion that died after renaming the checkpoint away', async () => {
    const doomed = await checkpointAt(`.ckpt.wbdel-${DEAD_PID}-0a1b2c3d`, 0);
    expect((await sweepTemporaries(tmp.dir)).removed).toEqual([doomed]);
    expect(await listTree(tmp.dir)).toEqual([]);
  });

  it('removes a dead file handler\'s temporary file', async () => {
    const file = path.join(tmp.dir, 'model', `.weights.bin.wbtmp-${DEAD_PID}-0a1b2c3d`);
    await nodeFs.mkdir(path.dirname(file));
    await nodeFs.writeFile(file, 'partial');
    expect((await sweepTemporaries(tmp.dir)).removed).toEqual([file]);
  });

  it('leaves the temporaries of a writer that is still running alone', async () => {
    const live = process.ppid;
    await checkpointAt(`.ckpt.wbold-${live}-0a1b2c3d`, 0);
    const fresh = await checkpointAt(`.ckpt.wbtmp-${live}-0a1b2c3d`, 1);
    const before = await snapshot(tmp.dir);
    const report = await sweepTemporaries(tmp.dir);
    expect(report.leftAlone.map((e) => e.reason)).toEqual([
      `a write in progress (process ${live})`, `a write in progress (process ${live})`,
    ]);
    expect(report.leftAlone.map((e) => e.path)).toContain(fresh);
    expect(await snapshot(tmp.dir)).toEqual(before);
  });

  it('never touches user files and folders that look like temporaries', async () => {
    const make = async (entry: string, files: Record<string, string>) => {
      await nodeFs.mkdir(path.join(tmp.dir, entry), { recursive: true });
      for (const [name, text] of Object.entries(files)) await nodeFs.writeFile(path.join(tmp.dir, entry, name), text);
    };
    await make('.ckpt.wbtmp-abc', { 'weights.bin': 'x' });
    await make(`.ckpt.wbtmp-${DEAD_PID}-0A1B2C3D`, { 'weights.bin': 'x' });
    await make(`ckpt.wbtmp-${DEAD_PID}-0a1b2c3d`, { 'weights.bin': 'x' });
    await make(`.ckpt.wbtmp-${DEAD_PID}-0a1b2c3d.bak`, { 'weights.bin': 'x' });
    await make(`.notes.wbtmp-${DEAD_PID}-0a1b2c3d`, { 'weights.bin': 'x', 'notes.txt': 'mine' });
    await make(`.deep.wbtmp-${DEAD_PID}-0a1b2c3d/sub`, { 'weights.bin': 'x' });
    await nodeFs.writeFile(path.join(tmp.dir, `.file.wbold-${DEAD_PID}-0a1b2c3d`), 'a user file');
    await make('user-folder', { 'model.json': '{}' });
    await nodeFs.symlink(path.join(tmp.dir, 'user-folder'), path.join(tmp.dir, `.link.wbtmp-${DEAD_PID}-0a1b2c3d`));
    const before = await snapshot(tmp.dir);
    const report = await sweepTemporaries(tmp.dir);
    expect(report.removed).toEqual([]);
    expect(report.leftAlone.map((e) => path.basename(e.path)).sort()).toEqual([
      `.deep.wbtmp-${DEAD_PID}-0a1b2c3d`, `.file.wbold-${DEAD_PID}-0a1b2c3d`,
      `.link.wbtmp-${DEAD_PID}-0a1b2c3d`, `.notes.wbtmp-${DEAD_PID}-0a1b2c3d`,
    ]);
    expect(await snapshot(tmp.dir)).toEqual(before);
  });

  it('keeps a moved-aside checkpoint whose target is now a user\'s folder', async () => {
    await nodeFs.mkdir(path.join(tmp.dir, 'ckpt'));
    const old = await checkpointAt(`.ckpt.wbold-${DEAD_PID}-0a1b2c3d`, 0);
    const report = await sweepTemporaries(tmp.dir);
    expect(report.leftAlone).toEqual([{
      path: old,
      reason: `${path.join(tmp.dir, 'ckpt')} is not a checkpoint now, so this earlier checkpoint may be the only copy`,
    }]);
  });

  it('does not follow symbolic links and stops at maxDepth', async () => {
    const outside = await makeTempDir();
    try {
      await nodeFs.mkdir(path.join(outside.dir, `.x.wbtmp-${DEAD_PID}-0a1b2c3d`));
      await nodeFs.symlink(outside.dir, path.join(tmp.dir, 'linked'));
      const deep = path.join(tmp.dir, 'a', 'b', 'c', `.x.wbtmp-${DEAD_PID}-0a1b2c3d`);
      await nodeFs.mkdir(deep, { recursive: true });
      expect((await sweepTemporaries(tmp.dir, { maxDepth: 2 })).removed).toEqual([]);
      expect(await listTree(outside.dir)).toEqual([`.x.wbtmp-${DEAD_PID}-0a1b2c3d`]);
      expect((await sweepTemporaries(tmp.dir, { maxDepth: 3 })).removed).toEqual([deep]);
    } finally {
      await outside.cleanup();
    }
  });

  it('recovers only the named target with recoverTarget', async () => {
    await checkpointAt(`.a.wbtmp-${DEAD_PID}-0a1b2c3d`, 0);
    const other = await checkpointAt(`.b.wbtmp-${DEAD_PID}-0a1b2c3d`, 0);
    const report = await recoverTarget(tmp.dir, 'a');
    expect(report.removed).toHaveLength(1);
    expect(await listTree(tmp.dir)).toContain(path.basename(other));
  });
});
