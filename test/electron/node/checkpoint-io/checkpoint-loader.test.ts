import * as path from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import { ConfigError } from '../../../../shared/errors';
import { loadCheckpointModel, loadWeightsInto } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { writeCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-writer';
import { makeMlp, predictBytes, sidecarInput, type TempDir, useModelAndTempDir } from './helpers';

describe('loadWeightsInto', () => {
  let tmp: TempDir;
  let model: tf.LayersModel;
  useModelAndTempDir({ model: (m) => (model = m), tmp: (t) => (tmp = t) }, () => makeMlp(5));

  it('loads into a model built in code even though tfjs numbered its layers differently', async () => {
    const dir = path.join(tmp.dir, 'w');
    await writeCheckpoint(dir, { model, kind: 'weights', sidecar: sidecarInput() });
    const fresh = makeMlp(5);
    try {
      expect(fresh.weights[0].originalName).not.toBe(model.weights[0].originalName);
      await loadWeightsInto(fresh, dir);
      expect(Buffer.from(predictBytes(fresh)).equals(Buffer.from(predictBytes(model)))).toBe(true);
    } finally {
      fresh.dispose();
    }
  });

  it('names the mismatched weights and leaves the model unchanged when the architecture differs', async () => {
    const dir = path.join(tmp.dir, 'w');
    await writeCheckpoint(dir, { model, kind: 'weights', sidecar: sidecarInput() });
    const other = makeMlp(7);
    try {
      const before = predictBytes(other);
      const tensors = tf.memory().numTensors;
      const error = await loadWeightsInto(other, dir).catch((e) => e);
      expect(error).toBeInstanceOf(ConfigError);
      const [k1, b1, k2] = other.weights.map((w) => w.originalName);
      const [s1, sb1, s2] = model.weights.map((w) => w.originalName);
      expect(error.message).toBe(
        `The checkpoint ${dir} does not fit this model (4 saved weights, 4 in the model): ` +
          `weight 1 ("${s1}" in the checkpoint, "${k1}" in the model) has shape [4,5] in the checkpoint but [4,7] in the model; ` +
          `weight 2 ("${sb1}" in the checkpoint, "${b1}" in the model) has shape [5] in the checkpoint but [7] in the model; ` +
          `weight 3 ("${s2}" in the checkpoint, "${k2}" in the model) has shape [5,2] in the checkpoint but [7,2] in the model. ` +
          'Build the model with the architecture the checkpoint was saved from.',
      );
      expect(Buffer.from(predictBytes(other)).equals(Buffer.from(before))).toBe(true);
      expect(tf.memory().numTensors).toBe(tensors);
    } finally {
      other.dispose();
    }
  });

  it('names the weights a deeper model has that the checkpoint lacks', async () => {
    const dir = path.join(tmp.dir, 'w');
    await writeCheckpoint(dir, { model, kind: 'weights', sidecar: sidecarInput() });
    const deeper = tf.sequential({ layers: [
      tf.layers.dense({ inputShape: [4], units: 5 }),
      tf.layers.dense({ units: 2 }),
      tf.layers.dense({ units: 2, name: 'head' }),
    ] });
    try {
      await expect(loadWeightsInto(deeper, dir)).rejects.toThrow(
        `The checkpoint ${dir} does not fit this model (4 saved weights, 6 in the model): ` +
          'the model\'s weight 5 "head/kernel" [2,2] is not in the checkpoint; ' +
          'the model\'s weight 6 "head/bias" [2] is not in the checkpoint.',
      );
    } finally {
      deeper.dispose();
    }
  });

  it('refuses to load a model from a weights-only checkpoint, saying what to do instead', async () => {
    const dir = path.join(tmp.dir, 'w');
    await writeCheckpoint(dir, { model, kind: 'weights', sidecar: sidecarInput() });
    await expect(loadCheckpointModel(dir)).rejects.toThrow(
      `${dir} is a weights-only checkpoint: it holds no model architecture. Build the model in code and ` +
        'load the weights with loadWeightsInto(model, dir).',
    );
  });
});
