import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { collectModelArtifacts } from '../../../../electron/node/checkpoint-io/model-artifacts';
import { makeCnn, makeMlp, trainBriefly } from './helpers';

/** What tfjs's own `model.save` hands an IOHandler. */
async function tfjsArtifacts(model: tf.LayersModel, includeOptimizer: boolean): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }), { includeOptimizer });
  return saved!;
}

function joined(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

describe('collectModelArtifacts', () => {
  let cnn: tf.LayersModel;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    cnn = makeCnn();
    await trainBriefly(cnn, 3);
  });

  afterAll(() => {
    cnn.dispose();
  });

  it.each([true, false])('builds the model.json and weights.bin tfjs save() builds when includeOptimizer is %s', async (includeOptimizer) => {
    const reference = await tfjsArtifacts(cnn, includeOptimizer);
    const ours = await collectModelArtifacts(cnn, { includeOptimizer });
    try {
      const modelJson = JSON.parse(ours.json) as tf.io.ModelJSON;
      expect(ours.jsonName).toBe('model.json');
      expect(modelJson.format).toBe(reference.format);
      expect(modelJson.generatedBy).toBe(reference.generatedBy);
      expect(modelJson.convertedBy).toBeNull();
      expect(modelJson.modelTopology).toEqual(JSON.parse(JSON.stringify(reference.modelTopology)));
      expect(modelJson.trainingConfig).toEqual(reference.trainingConfig);
      expect(modelJson.weightsManifest).toEqual([{ paths: ['weights.bin'], weights: reference.weightSpecs }]);
      expect(ours.weightSpecs).toEqual(reference.weightSpecs);
      const referenceBytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(reference.weightData));
      expect(ours.weightBytes).toBe(referenceBytes.byteLength);
      expect(Buffer.from(joined(ours.weightChunks)).equals(Buffer.from(referenceBytes))).toBe(true);
      expect(ours.includesOptimizer).toBe(includeOptimizer);
    } finally {
      ours.dispose();
    }
  });

  it('names weights by originalName and appends the Adam state as group optimizer after the non-trainable weights', async () => {
    const ours = await collectModelArtifacts(cnn);
    try {
      const names = ours.weightSpecs.map((spec) => spec.name);
      const modelNames = cnn.weights.map((w) => w.originalName);
      expect(names.slice(0, modelNames.length)).toEqual(modelNames);
      expect(names).toContain(cnn.layers[1].weights.find((w) => !w.trainable)!.originalName);
      const optimizerSpecs = ours.weightSpecs.slice(modelNames.length);
      expect(optimizerSpecs.every((spec) => spec.group === 'optimizer')).toBe(true);
      expect(optimizerSpecs[0]).toEqual({ name: 'iter', shape: [], dtype: 'int32', group: 'optimizer' });
      // iter, then a first and a second moment per trainable weight
      expect(optimizerSpecs).toHaveLength(1 + 2 * cnn.trainableWeights.length);
    } finally {
      ours.dispose();
    }
  });

  it('writes the weights manifest alone, without optimizer weights, for weightsOnly', async () => {
    const reference = await tfjsArtifacts(cnn, false);
    const ours = await collectModelArtifacts(cnn, { weightsOnly: true });
    try {
      expect(ours.jsonName).toBe('weights.json');
      expect(JSON.parse(ours.json)).toEqual([{ paths: ['weights.bin'], weights: reference.weightSpecs }]);
      const referenceBytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(reference.weightData));
      expect(Buffer.from(joined(ours.weightChunks)).equals(Buffer.from(referenceBytes))).toBe(true);
      expect(ours.includesOptimizer).toBe(false);
    } finally {
      ours.dispose();
    }
  });

  it('views the cpu backend tensors without copying them', async () => {
    const ours = await collectModelArtifacts(cnn, { includeOptimizer: false });
    try {
      const kernel = cnn.weights[0].read().dataSync() as Float32Array;
      expect(ours.weightChunks[0].buffer).toBe(kernel.buffer);
    } finally {
      ours.dispose();
    }
  });

  it('leaves no tensors behind, the optimizer iteration counter included', async () => {
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i += 1) (await collectModelArtifacts(cnn)).dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('includes no training config or optimizer weights for a model that was never compiled', async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1 })] });
    const ours = await collectModelArtifacts(model);
    try {
      expect(JSON.parse(ours.json).trainingConfig).toBeUndefined();
      expect(ours.weightSpecs.map((s) => s.group)).toEqual([undefined, undefined]);
      expect(ours.includesOptimizer).toBe(false);
    } finally {
      ours.dispose();
      model.dispose();
    }
  });

  it('matches tfjs for an MLP before any training step (Adam has only its iteration counter)', async () => {
    const model = makeMlp();
    const reference = await tfjsArtifacts(model, true);
    const ours = await collectModelArtifacts(model);
    try {
      expect(ours.weightSpecs).toEqual(reference.weightSpecs);
      const referenceBytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(reference.weightData));
      expect(Buffer.from(joined(ours.weightChunks)).equals(Buffer.from(referenceBytes))).toBe(true);
    } finally {
      ours.dispose();
      model.dispose();
    }
  });
});
