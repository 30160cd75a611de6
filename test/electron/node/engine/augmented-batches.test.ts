import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClassificationSplit } from '../../../../shared/dataset';
import { augmentedBatches } from '../../../../electron/node/engine/augmented-batches';
import { useCpuBackend } from '../../../helpers/tiny-model';

beforeAll(useCpuBackend);

/** Ten 4x4 one-channel images, image i filled with the value i + 1, labelled i % 2. */
function split(): ClassificationSplit {
  const features = new Float32Array(10 * 16);
  for (let i = 0; i < 10; i++) features.fill(i + 1, i * 16, (i + 1) * 16);
  return { task: 'classification', size: 10, featureShape: [4, 4, 1], numClasses: 2, features, labels: Int32Array.from({ length: 10 }, (_, i) => i % 2) };
}

async function epochOf(dataset: tf.data.Dataset<tf.TensorContainer>) {
  const batches = (await dataset.toArray()) as Array<{ xs: tf.Tensor4D; ys: tf.Tensor2D }>;
  const result = batches.map(({ xs, ys }) => ({ shape: xs.shape, xs: Array.from(xs.dataSync()), ys: ys.arraySync() }));
  tf.dispose(batches.flatMap(({ xs, ys }) => [xs, ys]));
  return result;
}

describe('augmentedBatches', () => {
  it('yields every sample once per epoch, in batches, with its own label', async () => {
    const epoch = await epochOf(augmentedBatches(split(), { batchSize: 4, maxShift: 1, seed: 3, shuffle: true }));
    expect(epoch.map((b) => b.shape)).toEqual([[4, 4, 4, 1], [4, 4, 4, 1], [2, 4, 4, 1]]);
    const images = epoch.flatMap((b) => Array.from({ length: b.shape[0] }, (_, i) => ({ pixels: b.xs.slice(i * 16, (i + 1) * 16), label: b.ys[i] })));
    // Each image keeps its value where it was not shifted out, so the value names the sample.
    const values = images.map(({ pixels }) => Math.max(...pixels));
    expect([...values].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    images.forEach(({ pixels, label }) => {
      const sample = Math.max(...pixels) - 1;
      expect(label).toEqual(sample % 2 === 0 ? [1, 0] : [0, 1]);
      // A shift of at most one pixel keeps at least a 3x3 block of the image.
      expect(pixels.filter((p) => p > 0).length).toBeGreaterThanOrEqual(9);
    });
  });

  it('draws new shifts each epoch, and the same ones for the same seed', async () => {
    const dataset = augmentedBatches(split(), { batchSize: 10, maxShift: 1, seed: 3, shuffle: false });
    const first = await epochOf(dataset);
    const second = await epochOf(dataset);
    const again = await epochOf(augmentedBatches(split(), { batchSize: 10, maxShift: 1, seed: 3, shuffle: false }));
    expect(second[0].xs).not.toEqual(first[0].xs);
    expect(again[0].xs).toEqual(first[0].xs);
  });

  it('continues the sequence of a resumed run from its first epoch', async () => {
    const fresh = augmentedBatches(split(), { batchSize: 10, maxShift: 1, seed: 3, shuffle: true });
    await epochOf(fresh);
    const secondEpoch = await epochOf(fresh);
    const resumed = await epochOf(augmentedBatches(split(), { batchSize: 10, maxShift: 1, seed: 3, shuffle: true, firstEpoch: 1 }));
    expect(resumed).toEqual(secondEpoch);
  });
});
