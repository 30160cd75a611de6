import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { ADAM_UPDATE } from '../../../../electron/node/backends/wasm-kernels/adam-update';
import { FusedAdamOptimizer } from '../../../../electron/node/engine/fused-adam-optimizer';
import { seededValues, startBothBackends } from '../backends/kernel-parity';

function makeModel(optimizer: tf.Optimizer): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [6], units: 5, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer, loss: 'categoricalCrossentropy' });
  return model;
}

function data(): { x: tf.Tensor; y: tf.Tensor } {
  const x = tf.tensor2d(seededValues(41 * 6, 3), [41, 6]);
  const labels = Array.from(seededValues(41, 4), (v) => Math.floor((v + 1) * 1.5));
  return { x, y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3) };
}

async function train(model: tf.LayersModel, epochs: number): Promise<void> {
  const { x, y } = data();
  // 41 samples in batches of 8: five full batches and one of 1, per epoch.
  await model.fit(x, y, { batchSize: 8, epochs, shuffle: false, verbose: 0 });
  tf.dispose([x, y]);
}

/**
 * Every model weight and optimizer weight, by name, as plain arrays. Layer names (numbered by the
 * models built so far) become layer0, layer1, ... in order of appearance.
 */
async function state(model: tf.LayersModel): Promise<Record<string, number[]>> {
  const out: Record<string, number[]> = {};
  const layers = new Map<string, string>();
  const key = (name: string) => name.replace(/dense_Dense\d+/g, (layer) => {
    if (!layers.has(layer)) layers.set(layer, `layer${layers.size}`);
    return layers.get(layer)!;
  });
  model.weights.forEach((w) => (out[key(w.originalName)] = Array.from(w.read().dataSync())));
  for (const { name, tensor } of await model.optimizer.getWeights()) out[`optimizer:${key(name)}`] = Array.from(tensor.dataSync());
  return out;
}

/** The kernels one optimizer step runs. */
async function kernelsOfOneStep(optimizer: tf.Optimizer): Promise<string[]> {
  const variable = tf.variable(tf.tensor1d([1, 2, 3]));
  const gradient = tf.tensor1d([0.5, -1, 2]);
  const info = await tf.profile(() => optimizer.applyGradients({ [variable.name]: gradient }));
  tf.dispose([variable, gradient]);
  return info.kernelNames;
}

describe('FusedAdamOptimizer', () => {
  beforeAll(startBothBackends);

  it('trains to the same weights and slots as tf.train.adam, bit for bit, with one kernel per variable on wasm', async () => {
    await tf.setBackend('wasm');
    const stock = makeModel(tf.train.adam(0.01));
    const fused = makeModel(new FusedAdamOptimizer(0.01));
    await train(stock, 3);
    await train(fused, 3);
    const expected = await state(stock);
    expect(Object.keys(expected)).toEqual([
      'layer0/kernel', 'layer0/bias', 'layer1/kernel', 'layer1/bias', 'optimizer:iter',
      'optimizer:layer0/kernel/m', 'optimizer:layer0/bias/m', 'optimizer:layer1/kernel/m', 'optimizer:layer1/bias/m',
      'optimizer:layer0/kernel/v', 'optimizer:layer0/bias/v', 'optimizer:layer1/kernel/v', 'optimizer:layer1/bias/v',
    ]);
    expect(expected['optimizer:iter']).toEqual([18]);
    expect(await state(fused)).toEqual(expected);
    const kernels = await kernelsOfOneStep(new FusedAdamOptimizer(0.01));
    expect(kernels).toContain(ADAM_UPDATE);
    expect(kernels).not.toContain('Sqrt');
  });

  it('is tfjs Adam where the backend lacks the fused kernel (cpu)', async () => {
    await tf.setBackend('cpu');
    try {
      const stock = makeModel(tf.train.adam(0.01));
      const fused = makeModel(new FusedAdamOptimizer(0.01));
      await train(stock, 2);
      await train(fused, 2);
      expect(await state(fused)).toEqual(await state(stock));
      const kernels = await kernelsOfOneStep(new FusedAdamOptimizer(0.01));
      expect(kernels).not.toContain(ADAM_UPDATE);
      expect(kernels).toContain('Sqrt');
    } finally {
      await tf.setBackend('wasm');
    }
  });

  it('resumes from saved optimizer weights exactly as tf.train.adam does', async () => {
    await tf.setBackend('wasm');
    const resumed = async (makeOptimizer: () => tf.Optimizer) => {
      const first = makeModel(makeOptimizer());
      await train(first, 2);
      const weights = first.getWeights().map((t) => t.clone());
      const slots = (await first.optimizer.getWeights()).map(({ name, tensor }) => ({ name, tensor: tensor.clone() }));
      const second = makeModel(makeOptimizer());
      second.setWeights(weights);
      await second.optimizer.setWeights(slots);
      await train(second, 2);
      return state(second);
    };
    const expected = await resumed(() => tf.train.adam(0.01));
    expect(expected['optimizer:iter']).toEqual([24]);
    expect(await resumed(() => new FusedAdamOptimizer(0.01))).toEqual(expected);
  });

  it('serializes as tfjs Adam: class name and config', () => {
    const fused = new FusedAdamOptimizer(0.002, 0.8, 0.99, 1e-6);
    expect(fused.getClassName()).toBe('Adam');
    expect(fused.getConfig()).toEqual(tf.train.adam(0.002, 0.8, 0.99, 1e-6).getConfig());
    expect(new FusedAdamOptimizer(0.001).getConfig()).toEqual(tf.train.adam(0.001).getConfig());
  });
});
