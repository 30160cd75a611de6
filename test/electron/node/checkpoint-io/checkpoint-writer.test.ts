import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CHECKPOINT_FORMAT } from '../../../../shared/checkpoint-record';
import { CheckpointOccupiedError, CheckpointSaveError } from '../../../../shared/errors';
import type { CheckpointFs } from '../../../../electron/node/checkpoint-io/checkpoint-fs';
import { loadCheckpointModel, loadWeightsInto } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { fileHandler } from '../../../../electron/node/checkpoint-io/file-io-handler';
import { sweepTemporaries } from '../../../../electron/node/checkpoint-io/sweep-temporaries';
import {
  listTree, makeCnn, makeMlp, makeTempDir, optimizerState, predictBytes, sidecarInput, snapshot, systemError,
  trainBriefly,
} from './helpers';

describe('writeCheckpoint', () => {
  let tmp: { dir: string; cleanup: () => Promise<void> };
  let model: tf.LayersModel;
  let cnn: tf.LayersModel;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    model = makeMlp();
    await trainBriefly(model);
    cnn = makeCnn();
    await trainBriefly(cnn);
  });

  afterAll(() => {
    model.dispose();
    cnn.dispose();
  });

  beforeEach(async () => {
    tmp = await makeTempDir();
  });

  afterEach(async () => {
    await tmp.cleanup();
  });

  describe('round trips', () => {
    it('reloads a model checkpoint that predicts bitwise what the model predicted when it was saved', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      const before = tf.memory().numTensors;
      await writeCheckpoint(dir, { model: cnn, kind: 'model', sidecar: sidecarInput() });
      const loaded = await loadCheckpointModel(dir);
      try {
        expect(Buffer.from(predictBytes(loaded)).equals(Buffer.from(predictBytes(cnn)))).toBe(true);
      } finally {
        loaded.dispose();
        loaded.optimizer?.dispose();
      }
      expect(tf.memory().numTensors).toBe(before);
    });

    it('loads with plain tf.loadLayersModel through fileHandler', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      await writeCheckpoint(dir, { model: cnn, kind: 'model', sidecar: sidecarInput() });
      const loaded = await tf.loadLayersModel(fileHandler(dir));
      try {
        expect(Buffer.from(predictBytes(loaded)).equals(Buffer.from(predictBytes(cnn)))).toBe(true);
      } finally {
        loaded.dispose();
        loaded.optimizer?.dispose();
      }
    });

    it('restores the Adam moments and iteration count when the optimizer is included', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      const sidecar = await writeCheckpoint(dir, { model: cnn, kind: 'model', sidecar: sidecarInput() });
      expect(sidecar.includesOptimizer).toBe(true);
      const loaded = await loadCheckpointModel(dir);
      try {
        expect(loaded.optimizer.getClassName()).toBe('Adam');
        const saved = await optimizerState(cnn.optimizer);
        const restored = await optimizerState(loaded.optimizer);
        expect(saved.get('iter')).toEqual([2 * 2]); // 2 epochs of 2 batches
        expect([...restored.keys()]).toEqual([...saved.keys()]);
        expect([...restored.values()]).toEqual([...saved.values()]);
      } finally {
        loaded.dispose();
        loaded.optimizer.dispose();
      }
    });

    it('saves no optimizer and no training config when includeOptimizer is false', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      const sidecar = await writeCheckpoint(dir, { model, kind: 'model', includeOptimizer: false, sidecar: sidecarInput() });
      expect(sidecar.includesOptimizer).toBe(false);
      const modelJson = JSON.parse(await nodeFs.readFile(path.join(dir, 'model.json'), 'utf8'));
      expect(modelJson.trainingConfig).toBeUndefined();
      expect(modelJson.weightsManifest[0].weights.some((w: { group?: string }) => w.group === 'optimizer')).toBe(false);
      const loaded = await loadCheckpointModel(dir);
      try {
        expect(loaded.optimizer).toBeUndefined();
        expect(Buffer.from(predictBytes(loaded)).equals(Buffer.from(predictBytes(model)))).toBe(true);
      } finally {
        loaded.dispose();
      }
    });

    it('writes weights.json and weights.bin for a weights checkpoint and loads them into a fresh model', async () => {
      const dir = path.join(tmp.dir, 'weights-ckpt');
      const sidecar = await writeCheckpoint(dir, { model: cnn, kind: 'weights', sidecar: sidecarInput() });
      expect(sidecar.kind).toBe('weights');
      expect(sidecar.includesOptimizer).toBe(false);
      expect(await listTree(dir)).toEqual(['checkpoint.json', 'weights.bin', 'weights.json']);
      const fresh = makeCnn();
      try {
        expect(Buffer.from(predictBytes(fresh)).equals(Buffer.from(predictBytes(cnn)))).toBe(false);
        const before = tf.memory().numTensors;
        await loadWeightsInto(fresh, dir);
        expect(tf.memory().numTensors).toBe(before);
        expect(Buffer.from(predictBytes(fresh)).equals(Buffer.from(predictBytes(cnn)))).toBe(true);
      } finally {
        fresh.dispose();
      }
    });

    it('restores the optimizer state into an existing compiled model with loadWeightsInto restoreOptimizer', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      await writeCheckpoint(dir, { model: cnn, kind: 'model', sidecar: sidecarInput() });
      const fresh = makeCnn();
      try {
        await trainBriefly(fresh, 1);
        const before = tf.memory().numTensors;
        await loadWeightsInto(fresh, dir, { restoreOptimizer: true });
        expect(tf.memory().numTensors).toBe(before);
        expect([...(await optimizerState(fresh.optimizer)).values()])
          .toEqual([...(await optimizerState(cnn.optimizer)).values()]);
      } finally {
        fresh.dispose();
        fresh.optimizer.dispose();
      }
    });

    it('writes only checkpoint.json for a placeholder, and needs no model', async () => {
      const dir = path.join(tmp.dir, 'replay', 'e01');
      const sidecar = await writeCheckpoint(dir, { model: null, kind: 'placeholder', sidecar: sidecarInput() });
      expect(await listTree(dir)).toEqual(['checkpoint.json']);
      expect(sidecar).toMatchObject({ kind: 'placeholder', files: [], includesOptimizer: false });
      await expect(loadCheckpointModel(dir)).rejects.toThrow(
        `${dir} is a placeholder checkpoint written by a dry-run replay; it holds no weights.`,
      );
    });

    it('writes the model.json and weights.bin that tfjs model.save produces for the same model', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      await writeCheckpoint(dir, { model: cnn, kind: 'model', sidecar: sidecarInput() });
      let reference: tf.io.ModelArtifacts | undefined;
      await cnn.save(tf.io.withSaveHandler(async (artifacts) => {
        reference = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }), { includeOptimizer: true });
      const modelJson = JSON.parse(await nodeFs.readFile(path.join(dir, 'model.json'), 'utf8'));
      expect(modelJson).toEqual(JSON.parse(JSON.stringify({
        modelTopology: reference!.modelTopology,
        format: reference!.format,
        generatedBy: reference!.generatedBy,
        convertedBy: null,
        weightsManifest: [{ paths: ['weights.bin'], weights: reference!.weightSpecs }],
        trainingConfig: reference!.trainingConfig,
      })));
      const weights = await nodeFs.readFile(path.join(dir, 'weights.bin'));
      expect(weights.equals(Buffer.from(tf.io.CompositeArrayBuffer.join(reference!.weightData)))).toBe(true);
    });

    it('returns the sidecar it wrote, recording each file with its size and SHA-256', async () => {
      const dir = path.join(tmp.dir, 'ckpt');
      const sidecar = await writeCheckpoint(dir, {
        model, kind: 'model', sidecar: sidecarInput({ epoch: 4, value: 'NaN', logs: { loss: 'Infinity' } }),
      });
      expect(JSON.parse(await nodeFs.readFile(path.join(dir, 'checkpoint.json'), 'utf8'))).toEqual(sidecar);
      expect(sidecar).toMatchObject({
        format: CHECKPOINT_FORMAT, version: 1, kind: 'model', epoch: 4, value: 'NaN', backend: 'cpu',
        tfjsVersion: tf.version.tfjs, createdAt: '2026-01-01T00:00:00.000Z',
      });
      expect(sidecar.files.map((f) => f.name)).toEqual(['model.json', 'weights.bin']);
      for (const file of sidecar.files) {
        const bytes = await nodeFs.readFile(path.join(dir, file.name));
        expect(file.size).toBe(bytes.byteLength);
        expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
    });

    it('keeps the tensor count unchanged across repeated saves', async () => {
      const before = tf.memory().numTensors;
      for (let epoch = 0; epoch < 3; epoch += 1) {
        await writeCheckpoint(path.join(tmp.dir, `e${epoch}`), { model: cnn, kind: 'model', sidecar: sidecarInput({ epoch }) });
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  describe('targets', () => {
    it('creates missing parent folders when it saves', async () => {
      const dir = path.join(tmp.dir, 'a', 'b', 'c', 'ckpt');
      await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput() });
      await verifyCheckpoint(dir);
    });

    it('replaces a checkpoint of ours at the same path and leaves no temporaries', async () => {
      const dir = path.join(tmp.dir, 'last');
      await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 0 }) });
      await writeCheckpoint(dir, { model: cnn, kind: 'weights', sidecar: sidecarInput({ epoch: 1 }) });
      expect((await verifyCheckpoint(dir)).epoch).toBe(1);
      expect(await listTree(tmp.dir)).toEqual(['last', 'last/checkpoint.json', 'last/weights.bin', 'last/weights.json']);
    });

    it.each([
      ['a file', async (target: string) => nodeFs.writeFile(target, 'my notes')],
      ['a folder that is not a checkpoint (no checkpoint.json)', async (target: string) => {
        await nodeFs.mkdir(target);
        await nodeFs.writeFile(path.join(target, 'weights.bin'), 'mine');
      }],
      ['an empty folder (not a checkpoint: no checkpoint.json)', async (target: string) => nodeFs.mkdir(target)],
      ['a folder whose checkpoint.json is not a Training Workbench checkpoint sidecar', async (target: string) => {
        await nodeFs.mkdir(target);
        await nodeFs.writeFile(path.join(target, 'checkpoint.json'), '{"format":"someone-else"}');
      }],
      ['a folder whose checkpoint.json cannot be read as JSON', async (target: string) => {
        await nodeFs.mkdir(target);
        await nodeFs.writeFile(path.join(target, 'checkpoint.json'), '{ damaged');
      }],
      ['a checkpoint folder that also holds files the workbench did not write (notes.txt)', async (target: string) => {
        await writeCheckpoint(target, { kind: 'placeholder', sidecar: sidecarInput() });
        await nodeFs.writeFile(path.join(target, 'notes.txt'), 'keep me');
      }],
      ['a symbolic link', async (target: string) => {
        await writeCheckpoint(`${target}-real`, { kind: 'placeholder', sidecar: sidecarInput() });
        await nodeFs.symlink(`${target}-real`, target);
      }],
    ])('refuses a target that holds %s and leaves it untouched', async (what, make) => {
      const target = path.join(tmp.dir, 'ckpt');
      await make(target);
      const before = await snapshot(tmp.dir);
      const error = await writeCheckpoint(target, { model, kind: 'model', sidecar: sidecarInput() }).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointOccupiedError);
      expect(error.message).toBe(
        `Cannot save the checkpoint ${target}: the path holds ${what}. It was left untouched; ` +
          'move or rename it, or change the checkpoint file path.',
      );
      expect(await snapshot(tmp.dir)).toEqual(before);
    });

    it('runs two writes to the same target from one process one after the other', async () => {
      const dir = path.join(tmp.dir, 'last');
      await writeCheckpoint(dir, { kind: 'placeholder', sidecar: sidecarInput({ epoch: 0 }) });
      await Promise.all([1, 2, 3].map((epoch) => writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch }) })));
      expect((await verifyCheckpoint(dir)).epoch).toBe(3);
      expect(await listTree(tmp.dir)).toEqual(['last', 'last/checkpoint.json', 'last/model.json', 'last/weights.bin']);
    });

    it('refuses a placeholder over a user file too', async () => {
      const target = path.join(tmp.dir, 'e01');
      await nodeFs.writeFile(target, 'x');
      await expect(writeCheckpoint(target, { kind: 'placeholder', sidecar: sidecarInput() }))
        .rejects.toThrow(`Cannot save the checkpoint ${target}: the path holds a file.`);
    });
  });

  describe('write failures', () => {
    /** The real file system, except that `fault` may throw instead of an operation. */
    function faultyFs(fault: (op: string, file: string) => NodeJS.ErrnoException | undefined): CheckpointFs {
      const wrapHandle = (handle: nodeFs.FileHandle, file: string): nodeFs.FileHandle => new Proxy(handle, {
        get(target, key) {
          if (key === 'writev' || key === 'sync') {
            return async (...args: unknown[]) => {
              const error = fault(String(key), file);
              if (error) throw error;
              return (target[key] as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          const value = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      return {
        ...nodeFs,
        open: async (file, flags, mode) => wrapHandle(await nodeFs.open(file, flags, mode), String(file)),
        mkdir: (async (file: string, options?: unknown) => {
          const error = fault('mkdir', String(file));
          if (error) throw error;
          return nodeFs.mkdir(file, options as never);
        }) as CheckpointFs['mkdir'],
        rename: async (from, to) => {
          const error = fault('rename', String(to));
          if (error) throw error;
          return nodeFs.rename(from, to);
        },
      };
    }

    it('reports a full disk naming the path and the OS reason, keeps the old checkpoint and removes temporaries', async () => {
      const dir = path.join(tmp.dir, 'last');
      await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 0 }) });
      const before = await snapshot(tmp.dir);
      const fs = faultyFs((op, file) => (op === 'writev' && file.endsWith('weights.bin') ? systemError('ENOSPC', 'write', file) : undefined));
      const error = await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 1 }), fs }).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointSaveError);
      expect(error.message).toMatch(new RegExp(
        `^Could not save the checkpoint ${dir}: the disk is full; free some space or save to another disk ` +
          `\\(ENOSPC: no space left on device, write '.*weights\\.bin'\\)\\. Earlier checkpoints are intact\\.$`,
      ));
      expect(error.detail).toMatchObject({ path: dir, code: 'ENOSPC', syscall: 'write' });
      expect(await snapshot(tmp.dir)).toEqual(before);
    });

    it('puts the old checkpoint back when moving the new one into place fails', async () => {
      const dir = path.join(tmp.dir, 'last');
      await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 0 }) });
      const before = await snapshot(tmp.dir);
      let failures = 1;
      const fs = faultyFs((op, file) => (op === 'rename' && file === dir && failures-- > 0
        ? systemError('EIO', 'rename', file)
        : undefined));
      // The first rename (old aside) goes to a temporary name; the second (new into place) fails.
      await expect(writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 1 }), fs }))
        .rejects.toThrow(`Could not save the checkpoint ${dir}: an input/output error occurred`);
      expect(await snapshot(tmp.dir)).toEqual(before);
      expect((await verifyCheckpoint(dir)).epoch).toBe(0);
    });

    it('leaves the old checkpoint for the next sweep when putting it back fails too', async () => {
      const dir = path.join(tmp.dir, 'last');
      await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 0 }) });
      const before = await snapshot(tmp.dir);
      const fs = faultyFs((op, file) => (op === 'rename' && file === dir ? systemError('EIO', 'rename', file) : undefined));
      await expect(writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput({ epoch: 1 }), fs }))
        .rejects.toThrow(CheckpointSaveError);
      expect((await listTree(tmp.dir))[0]).toMatch(/^\.last\.wbold-\d+-[0-9a-f]{8}$/);
      const report = await sweepTemporaries(tmp.dir);
      expect(report.restored).toEqual([dir]);
      expect(await snapshot(tmp.dir)).toEqual(before);
    });

    it('removes the parent folders it created when the save fails', async () => {
      const dir = path.join(tmp.dir, 'run', 'nested', 'ckpt');
      const fs = faultyFs((op, file) => (op === 'sync' && file.endsWith('model.json') ? systemError('EIO', 'fsync', file) : undefined));
      await expect(writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput(), fs }))
        .rejects.toThrow(CheckpointSaveError);
      expect(await listTree(tmp.dir)).toEqual([]);
    });

    it('reports permission denied when the parent folder cannot be created', async () => {
      const dir = path.join(tmp.dir, 'locked', 'ckpt');
      const fs = faultyFs((op, file) => (op === 'mkdir' ? systemError('EACCES', 'mkdir', file) : undefined));
      await expect(writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput(), fs })).rejects.toThrow(
        `Could not save the checkpoint ${dir}: permission denied; choose a folder you can write to, or change its permissions ` +
          `(EACCES: permission denied, mkdir '${path.dirname(dir)}'). Earlier checkpoints are intact.`,
      );
    });

    it('reports a file in the way of a parent folder and leaves the file alone', async () => {
      await nodeFs.writeFile(path.join(tmp.dir, 'runs'), 'not a folder');
      const dir = path.join(tmp.dir, 'runs', 'ckpt');
      const error = await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput() }).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointSaveError);
      expect(error.message).toBe(
        `Could not save the checkpoint ${dir}: a part of the path already exists and is not a folder; rename it or choose ` +
          `another path (EEXIST: file already exists, mkdir '${path.join(tmp.dir, 'runs')}'). Earlier checkpoints are intact.`,
      );
      expect(await nodeFs.readFile(path.join(tmp.dir, 'runs'), 'utf8')).toBe('not a folder');
    });
  });

  describe('arguments', () => {
    it('refuses a sidecar whose numbers JSON cannot hold', async () => {
      await expect(writeCheckpoint(path.join(tmp.dir, 'c'), { model, kind: 'model', sidecar: sidecarInput({ value: NaN }) }))
        .rejects.toThrow(`writeCheckpoint: invalid sidecar for ${path.join(tmp.dir, 'c')}: "value" must be null, a finite number ` +
          'or "NaN", "Infinity", "-Infinity", got null.');
      expect(await listTree(tmp.dir)).toEqual([]);
    });

    it('refuses a model checkpoint without a model', async () => {
      await expect(writeCheckpoint(path.join(tmp.dir, 'c'), { kind: 'model', sidecar: sidecarInput() }))
        .rejects.toThrow("writeCheckpoint: a 'model' checkpoint needs a model.");
    });
  });
});
