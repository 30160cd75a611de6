import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../shared/dataset';
import { toTensors } from '../../../../electron/node/data/to-tensors';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('toTensors', () => {
  it('gives the documented tensors for a classification split', () => {
    const before = tf.memory().numTensors;
    const { x, y } = toTensors({
      task: 'classification',
      size: 2,
      featureShape: [1],
      numClasses: 3,
      features: Float32Array.of(0.5, 1),
      labels: Int32Array.of(2, 0),
    });
    expect(x.shape).toEqual([2, 1]);
    expect(x.arraySync()).toEqual([[0.5], [1]]);
    expect(y.arraySync()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    expect(y.dtype).toBe('float32');
    tf.dispose([x, y]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('shapes image features [size, 28, 28, 1]', () => {
    const split: DatasetSplit = {
      task: 'classification',
      size: 3,
      featureShape: [28, 28, 1],
      numClasses: 10,
      features: new Float32Array(3 * 784),
      labels: Int32Array.of(1, 2, 3),
    };
    const { x, y } = toTensors(split);
    expect(x.shape).toEqual([3, 28, 28, 1]);
    expect(y.shape).toEqual([3, 10]);
    tf.dispose([x, y]);
  });

  it('gives regression targets as a [size, 1] column', () => {
    const { x, y } = toTensors({
      task: 'regression',
      size: 2,
      featureShape: [2],
      features: Float32Array.of(1, 2, 3, 4),
      labels: Float32Array.of(-1.5, 7),
    });
    expect(x.arraySync()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(y.arraySync()).toEqual([[-1.5], [7]]);
    tf.dispose([x, y]);
  });

  it('gives empty tensors for an empty split', () => {
    const { x, y } = toTensors({
      task: 'classification',
      size: 0,
      featureShape: [4],
      numClasses: 3,
      features: new Float32Array(0),
      labels: new Int32Array(0),
    });
    expect(x.shape).toEqual([0, 4]);
    expect(y.shape).toEqual([0, 3]);
    tf.dispose([x, y]);
  });
});
