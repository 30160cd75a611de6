import * as tf from '@tensorflow/tfjs';

import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';

function maxPoolGrad(args: KernelArgs): tf.TensorInfo {
  const { inputs, attrs } = args;
  const backend = args.backend as WasmBackendLike;
  const { dy, input } = inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth } = info;
  const out = backend.makeOutput(input.shape, 'float32');
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const dyValues = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  const { top, left } = info.padInfo;
  let dyIndex = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const rowStart = oh * strideHeight - top;
      const rowFrom = Math.max(0, rowStart);
      const rowTo = Math.min(inHeight, rowStart + effectiveFilterHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const colStart = ow * strideWidth - left;
        const colFrom = Math.max(0, colStart);
        const colTo = Math.min(inWidth, colStart + effectiveFilterWidth);
        for (let ch = 0; ch < channels; ch++, dyIndex++) {
          // Row-major window scan with a strict '>': the first maximum wins and NaN never does,
          // the cpu kernel's tie-breaking.
          let best = Number.NEGATIVE_INFINITY;
          let where = -1;
          for (let r = rowFrom; r < rowTo; r++) {
            let index = ((b * inHeight + r) * inWidth + colFrom) * channels + ch;
            for (let c = colFrom; c < colTo; c++, index += channels) {
              const value = x[index];
              if (value > best) {
                best = value;
                where = index;
              }
            }
          }
          if (where >= 0) dx[where] += dyValues[dyIndex];
        }
      }
    }
  }
  return out;
}

/**
 * MaxPoolGrad for wasm, replacing the stock one, which is wrong in tfjs-backend-wasm 4.22: a
 * window whose values are all negative loses its gradient (its running maximum does not start at
 * -Infinity; MaxPoolWithArgmax, with the same flaw, returns index 0 for such a window). It was also
 * slow (14 ms for the 128 x 26 x 26 x 16 pooling of a small MNIST CNN). This one scans each
 * window once and adds dy to its first maximum, like the cpu kernel.
 */
export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as tf.KernelFunc,
};
