import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { gradGeometry } from '../../../../../electron/node/backends/wasm-kernels/conv2d-backprop-input';

describe('gradGeometry', () => {
  it('turns tfjs conv info into the gradient kernels\' geometry (example in the doc)', () => {
    const info = tf.backend_util.computeConv2DInfo([1, 5, 5, 1], [3, 3, 1, 1], 2, 1, 'same');
    expect(gradGeometry(info)).toEqual({
      inHeight: 5, inWidth: 5, filterHeight: 3, filterWidth: 3, strides: [2, 2], dilations: [1, 1], padTop: 1, padLeft: 1,
    });
  });

  it('carries dilations and explicit padding', () => {
    const info = tf.backend_util.computeConv2DInfo([1, 9, 7, 2], [2, 3, 2, 4], [1, 3], [2, 1], [[0, 0], [2, 1], [0, 3], [0, 0]]);
    expect(gradGeometry(info)).toMatchObject({ strides: [1, 3], dilations: [2, 1], padTop: 2, padLeft: 0, filterHeight: 2, filterWidth: 3 });
  });
});
