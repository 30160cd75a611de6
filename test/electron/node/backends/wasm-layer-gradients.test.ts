/**
 * Whole layers on wasm, through autograd: the gradients of a small model's loss with respect to
 * every weight equal the cpu backend's, and a tiny training run converges without leaking.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type KernelResult, seededValues, startBothBackends } from './kernel-parity';

interface Case {
  build: () => tf.LayersModel;
  inputShape: number[];
  /** Integer inputs in [0, vocabulary) instead of floats. */
  vocabulary?: number;
  classes: number;
}

const CASES: Record<string, Case> = {
  'Conv2D (stride 2, same) + MaxPooling2D + Dense': {
    build: () => tf.sequential({ layers: [
      tf.layers.conv2d({ inputShape: [9, 8, 2], filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' }),
      tf.layers.conv2d({ filters: 3, kernelSize: [2, 3], padding: 'valid' }),
      tf.layers.maxPooling2d({ poolSize: 2, padding: 'same' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ] }),
    inputShape: [9, 8, 2],
    classes: 3,
  },
  'DepthwiseConv2D (multiplier 2) + SeparableConv2D': {
    build: () => tf.sequential({ layers: [
      tf.layers.depthwiseConv2d({ inputShape: [8, 7, 3], kernelSize: 3, depthMultiplier: 2, padding: 'same', activation: 'relu' }),
      tf.layers.separableConv2d({ filters: 4, kernelSize: 3, strides: 2, padding: 'valid' }),
      tf.layers.globalAveragePooling2d({}),
      tf.layers.dense({ units: 3 }),
    ] }),
    inputShape: [8, 7, 3],
    classes: 3,
  },
  'Conv1D + Conv2DTranspose': {
    build: () => tf.sequential({ layers: [
      tf.layers.reshape({ inputShape: [10, 3], targetShape: [10, 3] }),
      tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'tanh' }),
      tf.layers.reshape({ targetShape: [5, 1, 4] }),
      tf.layers.conv2dTranspose({ filters: 2, kernelSize: [3, 1], strides: [2, 1], padding: 'same' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 3 }),
    ] }),
    inputShape: [10, 3],
    classes: 3,
  },
  'Embedding + Dense': {
    build: () => tf.sequential({ layers: [
      tf.layers.embedding({ inputDim: 12, outputDim: 5, inputLength: 6 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 8, activation: 'relu' }),
      tf.layers.dense({ units: 3 }),
    ] }),
    inputShape: [6],
    vocabulary: 12,
    classes: 3,
  },
};

const BATCH = 5;

function inputValues(c: Case): number[] {
  const size = BATCH * tf.util.sizeFromShape(c.inputShape);
  const values = Array.from(seededValues(size, 11));
  return c.vocabulary === undefined ? values : values.map((v) => Math.floor(((v + 1) / 2) * c.vocabulary!));
}

/** The case's model with deterministic weights. */
function seededModel(c: Case): tf.LayersModel {
  const model = c.build();
  const weights = model.getWeights().map((w, i) => tf.tensor(seededValues(w.size, 100 + i), w.shape).mul(0.5));
  model.setWeights(weights);
  tf.dispose(weights);
  return model;
}

/** Loss gradients for every trainable weight (in model order), with weights set from a seed. */
async function gradientsOn(backend: 'cpu' | 'wasm', c: Case): Promise<KernelResult[]> {
  await tf.setBackend(backend);
  const model = seededModel(c);
  const x = tf.tensor([...inputValues(c)], [BATCH, ...c.inputShape]);
  const labels = tf.oneHot(tf.tensor1d([0, 2, 1, 1, 0], 'int32'), c.classes);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(labels, model.apply(x) as tf.Tensor) as tf.Scalar,
    variables,
  );
  const results = await Promise.all(variables.map(async (v) => ({
    shape: grads[v.name].shape,
    dtype: grads[v.name].dtype,
    values: Array.from(await grads[v.name].data()),
  })));
  tf.dispose([value, x, labels, ...Object.values(grads)]);
  model.dispose();
  await tf.setBackend('wasm');
  return results;
}

describe('layer gradients on wasm', () => {
  beforeAll(startBothBackends);

  it.each(Object.keys(CASES))('equal cpu for %s', async (name) => {
    const cpu = await gradientsOn('cpu', CASES[name]);
    const wasm = await gradientsOn('wasm', CASES[name]);
    expect(wasm.length).toBe(cpu.length);
    wasm.forEach((grad, i) => expectClose(grad, cpu[i]));
    // The gradients are not trivially zero.
    expect(cpu.every((grad) => grad.values.some((v) => v !== 0))).toBe(true);
  });
});

/** Inputs and labels a small model can learn: the label depends on a simple feature of x. */
function learnable(c: Case, samples: number): { x: tf.Tensor; y: tf.Tensor } {
  const width = tf.util.sizeFromShape(c.inputShape);
  const raw = seededValues(samples * width, 5);
  const values: number[] = [];
  const labels: number[] = [];
  for (let s = 0; s < samples; s++) {
    const row = Array.from(raw.subarray(s * width, (s + 1) * width));
    if (c.vocabulary !== undefined) {
      const tokens = row.map((v) => Math.floor(((v + 1) / 2) * c.vocabulary!));
      values.push(...tokens);
      labels.push(tokens.filter((t) => t < 4).length % c.classes);
    } else {
      values.push(...row);
      const half = Math.floor(width / 2);
      labels.push(row.slice(0, half).reduce((a, b) => a + b, 0) > row.slice(half).reduce((a, b) => a + b, 0) ? 1 : 0);
    }
  }
  return { x: tf.tensor(values, [samples, ...c.inputShape]), y: tf.oneHot(tf.tensor1d(labels, 'int32'), c.classes) };
}

describe('training on wasm', () => {
  beforeAll(startBothBackends);

  it.each(['Conv2D (stride 2, same) + MaxPooling2D + Dense', 'Embedding + Dense'])(
    'lowers the loss without leaking tensors for %s',
    async (name) => {
      const c = CASES[name];
      const model = seededModel(c);
      // The models end in logits.
      const loss = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred);
      model.compile({ optimizer: tf.train.adam(0.02), loss });
      const { x, y } = learnable(c, 96);
      const before = tf.memory().numTensors;
      const losses: number[] = [];
      const tensorsAtEpochEnd: number[] = [];
      const buffersAtEpochEnd: number[] = [];
      await model.fit(x, y, {
        epochs: 6,
        batchSize: 16,
        shuffle: false,
        verbose: 0,
        callbacks: {
          onEpochEnd: async (_epoch, logs) => {
            losses.push(logs!.loss as number);
            tensorsAtEpochEnd.push(tf.memory().numTensors);
            buffersAtEpochEnd.push(tf.backend().numDataIds());
          },
        },
      });
      expect(tf.getBackend()).toBe('wasm');
      expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.8);
      // Epoch 1 creates the optimizer's slots; after that, nothing accumulates.
      expect(new Set(tensorsAtEpochEnd.slice(1)).size).toBe(1);
      expect(new Set(buffersAtEpochEnd.slice(1)).size).toBe(1);
      const optimizerSlots = tensorsAtEpochEnd[0] - before;
      expect(tf.memory().numTensors).toBe(before + optimizerSlots);
      tf.dispose([x, y]);
      model.dispose();
    },
  );
});
