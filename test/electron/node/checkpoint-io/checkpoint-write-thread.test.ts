import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';

import type * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { CheckpointOccupiedError, CheckpointSaveError } from '../../../../shared/errors';
import { loadCheckpointModel } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { checkpointWriterThreadId, writeCheckpointOffThread } from '../../../../electron/node/checkpoint-io/checkpoint-write-thread';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { collectModelArtifacts } from '../../../../electron/node/checkpoint-io/model-artifacts';
import { predictBytes, sidecarInput, type TempDir, trainBriefly, useModelAndTempDir } from './helpers';

describe('writeCheckpointOffThread', () => {
  let model: tf.LayersModel;
  let tmp: TempDir;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) }, undefined, (m) => trainBriefly(m));

  const offThread = async (dir: string, sidecar = sidecarInput()) => {
    const artifacts = await collectModelArtifacts(model);
    try {
      return await writeCheckpointOffThread(dir, { kind: 'model', artifacts, includeOptimizer: true, sidecar });
    } finally {
      artifacts.dispose();
    }
  };

  it('writes on the writer thread the same files, byte for byte, as writeCheckpoint here', async () => {
    const threaded = await offThread(path.join(tmp.dir, 'threaded'));
    expect(checkpointWriterThreadId()).not.toBeNull();
    expect(checkpointWriterThreadId()).not.toBe(threadId);
    const here = await writeCheckpoint(path.join(tmp.dir, 'here'), { kind: 'model', model, sidecar: sidecarInput() });
    expect(threaded).toEqual(here);
    for (const name of ['model.json', 'weights.bin', 'checkpoint.json']) {
      const [a, b] = await Promise.all(['threaded', 'here'].map((d) => nodeFs.readFile(path.join(tmp.dir, d, name))));
      expect(a.equals(b)).toBe(true);
    }
    await verifyCheckpoint(path.join(tmp.dir, 'threaded'));
    const loaded = await loadCheckpointModel(path.join(tmp.dir, 'threaded'));
    expect(predictBytes(loaded)).toEqual(predictBytes(model));
    loaded.dispose();
  });

  it('refuses an occupied target with the same error class as on this thread, leaving it untouched', async () => {
    const target = path.join(tmp.dir, 'mine');
    await nodeFs.writeFile(target, 'precious');
    const error = await offThread(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointOccupiedError);
    expect((error as Error).message).toContain(`Cannot save the checkpoint ${target}: the path holds a file`);
    expect(await nodeFs.readFile(target, 'utf8')).toBe('precious');
  });

  it('reports a failed write as a CheckpointSaveError naming the path and the reason', async () => {
    await nodeFs.writeFile(path.join(tmp.dir, 'file'), 'x');
    const target = path.join(tmp.dir, 'file', 'ckpt');
    const error = await offThread(target).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointSaveError);
    expect((error as Error).message).toBe(
      `Could not save the checkpoint ${target}: a part of the path already exists and is not a folder; rename it or choose ` +
        `another path (EEXIST: file already exists, mkdir '${path.join(tmp.dir, 'file')}'). Earlier checkpoints are intact.`,
    );
    expect((error as CheckpointSaveError).detail).toMatchObject({ path: target, code: 'EEXIST', syscall: 'mkdir' });
  });

  it('writes one checkpoint after another on the same thread', async () => {
    const first = checkpointWriterThreadId();
    const sidecars = await Promise.all([1, 2, 3].map((epoch) => offThread(path.join(tmp.dir, `e${epoch}`), sidecarInput({ epoch }))));
    expect(sidecars.map((s) => s.epoch)).toEqual([1, 2, 3]);
    expect(checkpointWriterThreadId()).toBe(first);
    for (const epoch of [1, 2, 3]) await verifyCheckpoint(path.join(tmp.dir, `e${epoch}`));
  });
});
