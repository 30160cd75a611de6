import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { beforeEach, describe, expect, it } from 'vitest';

import { CheckpointCorruptError, CheckpointNotFoundError } from '../../../../shared/errors';
import { loadCheckpointModel } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { parseSidecar, readSidecar, sidecarProblem, verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { makeMlp, sidecarInput, type TempDir, trainBriefly, useModelAndTempDir } from './helpers';

describe('checkpoint reader', () => {
  let tmp: TempDir;
  let model: tf.LayersModel;
  let dir: string;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) }, makeMlp, trainBriefly);

  beforeEach(async () => {
    dir = path.join(tmp.dir, 'ckpt');
    await writeCheckpoint(dir, { model, kind: 'model', sidecar: sidecarInput() });
  });

  describe('readSidecar', () => {
    it('returns the sidecar of a checkpoint', async () => {
      expect(await readSidecar(dir)).toMatchObject({ kind: 'model', epoch: 0, monitor: 'val_loss' });
    });

    it('reports bad JSON naming the file', async () => {
      const file = path.join(dir, 'checkpoint.json');
      await nodeFs.writeFile(file, '{"format": "training-workbench-checkpoint", ');
      const error = await readSidecar(dir).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointCorruptError);
      expect(error.message).toMatch(new RegExp(`^Checkpoint sidecar ${file} is not valid JSON \\(.+\\); the file is damaged\\.$`));
    });

    it('reports a missing field naming the file and the field', async () => {
      const file = path.join(dir, 'checkpoint.json');
      const sidecar = JSON.parse(await nodeFs.readFile(file, 'utf8'));
      delete sidecar.monitor;
      await nodeFs.writeFile(file, JSON.stringify(sidecar));
      await expect(readSidecar(dir)).rejects.toThrow(`Checkpoint sidecar ${file} is invalid: "monitor" is missing.`);
    });

    it('reports a sidecar of a foreign format', async () => {
      const file = path.join(dir, 'checkpoint.json');
      await nodeFs.writeFile(file, JSON.stringify({ format: 'keras-checkpoint', epoch: 1 }));
      await expect(readSidecar(dir)).rejects.toThrow(
        `Checkpoint sidecar ${file} is not a Training Workbench checkpoint: format is "keras-checkpoint", ` +
          'expected "training-workbench-checkpoint".',
      );
    });

    it('reports a sidecar written by a newer version', async () => {
      const file = path.join(dir, 'checkpoint.json');
      const sidecar = JSON.parse(await nodeFs.readFile(file, 'utf8'));
      await nodeFs.writeFile(file, JSON.stringify({ ...sidecar, version: 2 }));
      await expect(readSidecar(dir)).rejects.toThrow(
        `Checkpoint sidecar ${file} has version 2, written by a newer Training Workbench; this one reads up to version 1.`,
      );
    });

    it('reports a missing folder and a folder without a sidecar as not found', async () => {
      const missing = path.join(tmp.dir, 'nope');
      const error = await readSidecar(missing).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointNotFoundError);
      expect(error.message).toBe(`No checkpoint at ${missing}: the folder does not exist.`);
      await expect(readSidecar(tmp.dir)).rejects.toThrow(`${tmp.dir} is not a checkpoint: it has no checkpoint.json.`);
    });
  });

  describe('parseSidecar and sidecarProblem', () => {
    it('parses its doc example into the documented error', () => {
      expect(() => parseSidecar('{"format":"other"}', '/c/checkpoint.json')).toThrow(
        'Checkpoint sidecar /c/checkpoint.json is not a Training Workbench checkpoint: format is "other", ' +
          'expected "training-workbench-checkpoint".',
      );
    });

    it.each([
      [{ epoch: -1 }, '"epoch" must be a non-negative integer, got -1'],
      [{ value: 'nan' }, '"value" must be null, a finite number or "NaN", "Infinity", "-Infinity", got "nan"'],
      [{ mode: 'auto' }, '"mode" must be "min" or "max", got "auto"'],
      [{ files: [{ name: '../x', size: 1, sha256: 'a'.repeat(64) }] },
        '"files[0].name" must be one of model.json, weights.json, weights.bin, got "../x"'],
      [{ files: [] }, 'a model checkpoint must record model.json in "files"'],
      [{ state: { best: null, batchCounter: 0, lastBatchIndex: null, topK: [] } }, '"state.lastPath" is missing'],
    ])('describes %j as %s', async (change, problem) => {
      const sidecar = { ...(await readSidecar(dir)), ...change };
      expect(sidecarProblem(sidecar as unknown as Record<string, unknown>)).toBe(problem);
    });
  });

  describe('verifyCheckpoint', () => {
    it('returns the sidecar of an intact checkpoint', async () => {
      expect((await verifyCheckpoint(dir)).kind).toBe('model');
    });

    it('reports a truncated weights.bin', async () => {
      const file = path.join(dir, 'weights.bin');
      const { size } = await nodeFs.stat(file);
      await nodeFs.truncate(file, size - 4);
      const error = await verifyCheckpoint(dir).catch((e) => e);
      expect(error).toBeInstanceOf(CheckpointCorruptError);
      expect(error.message).toBe(`Checkpoint file ${file} is truncated: it has ${size - 4} bytes, checkpoint.json records ${size}.`);
    });

    it('reports an edited byte by its hash', async () => {
      const file = path.join(dir, 'weights.bin');
      const bytes = await nodeFs.readFile(file);
      bytes[10] ^= 0xff;
      await nodeFs.writeFile(file, bytes);
      await expect(verifyCheckpoint(dir)).rejects.toThrow(
        new RegExp(`^Checkpoint file ${file} was changed after saving: its SHA-256 is [0-9a-f]{64}, checkpoint\\.json records [0-9a-f]{64}\\.$`),
      );
    });

    it('reports a grown model.json', async () => {
      const file = path.join(dir, 'model.json');
      const { size } = await nodeFs.stat(file);
      await nodeFs.appendFile(file, ' ');
      await expect(verifyCheckpoint(dir)).rejects.toThrow(
        `Checkpoint file ${file} was changed after saving: it has ${size + 1} bytes, checkpoint.json records ${size}.`,
      );
    });

    it('reports a missing file', async () => {
      const file = path.join(dir, 'model.json');
      const { size } = await nodeFs.stat(file);
      await nodeFs.rm(file);
      await expect(verifyCheckpoint(dir)).rejects.toThrow(
        `Checkpoint file ${file} is missing (checkpoint.json records it with ${size} bytes).`,
      );
    });

    it('makes loading fail on a corrupt weights.bin without leaking tensors', async () => {
      const file = path.join(dir, 'weights.bin');
      const bytes = await nodeFs.readFile(file);
      bytes[0] ^= 1;
      await nodeFs.writeFile(file, bytes);
      const before = tf.memory().numTensors;
      await expect(loadCheckpointModel(dir)).rejects.toThrow(`Checkpoint file ${file} was changed after saving`);
      expect(tf.memory().numTensors).toBe(before);
    });
  });
});
