import * as tf from '@tensorflow/tfjs';

import { heapOffset } from './heap-copy';
import { heapFunction } from './heap-function';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';
import { Code, I32, V128, type ValueType, writeModule } from './wasm-module-writer';

// maxpool_grad(x, dy, dx, batch, inH, inW, channels, outH, outW, strideH, strideW, filterH, filterW):
// byte offsets, then sizes. For windows inside the input (no padding) and channels % 4 == 0;
// dx must be zeroed.
const X = 0, DY = 1, DX = 2, BATCH = 3, IN_H = 4, IN_W = 5, CHANNELS = 6, OUT_H = 7, OUT_W = 8;
const STRIDE_H = 9, STRIDE_W = 10, FILTER_H = 11, FILTER_W = 12;
const B = 13, OH = 14, OW = 15, C4 = 16, R = 17, Q = 18, POS = 19, B_BASE = 20, OH_BASE = 21, W_BASE = 22;
const PIX = 23, OFF = 24, DYP = 25, PIXEL_BYTES = 26, ROW_BYTES = 27;
const BEST = 28, ARG = 29, V = 30, MASK = 31, D = 32, NEG_INF = 33;

function maxPoolGradModuleBytes(): Uint8Array<ArrayBuffer> {
  const c = new Code();
  c.get(CHANNELS).i32Const(2).i32Shl().set(PIXEL_BYTES);
  c.get(IN_W).get(PIXEL_BYTES).i32Mul().set(ROW_BYTES);
  c.f32Const(Number.NEGATIVE_INFINITY).f32x4Splat().set(NEG_INF);
  /** For each window element (r, q) in row-major order: OFF = its byte offset, then body(). */
  const eachInWindow = (body: () => void) => {
    c.i32Const(0).set(POS).i32Const(0).set(R);
    c.countUp(R, FILTER_H, 1, () => {
      c.i32Const(0).set(Q);
      c.countUp(Q, FILTER_W, 1, () => {
        c.get(PIX).get(R).get(ROW_BYTES).i32Mul().i32Add().get(Q).get(PIXEL_BYTES).i32Mul().i32Add().set(OFF);
        body();
        c.get(POS).i32Const(1).i32Add().set(POS);
      });
    });
  };
  c.countUp(B, BATCH, 1, () => {
    c.get(B).get(IN_H).i32Mul().get(ROW_BYTES).i32Mul().set(B_BASE);
    c.i32Const(0).set(OH);
    c.countUp(OH, OUT_H, 1, () => {
      c.get(B_BASE).get(OH).get(STRIDE_H).i32Mul().get(ROW_BYTES).i32Mul().i32Add().set(OH_BASE);
      c.i32Const(0).set(OW);
      c.countUp(OW, OUT_W, 1, () => {
        c.get(OH_BASE).get(OW).get(STRIDE_W).i32Mul().get(PIXEL_BYTES).i32Mul().i32Add().set(W_BASE);
        c.i32Const(0).set(C4);
        c.countUp(C4, PIXEL_BYTES, 16, () => {
          c.get(W_BASE).get(C4).i32Add().set(PIX);
          // The first maximum of each lane's window (strict '>': ties keep the earlier, NaN never wins).
          c.get(NEG_INF).set(BEST).i32Const(-1).i32x4Splat().set(ARG);
          eachInWindow(() => {
            c.get(X).get(OFF).i32Add().v128Load().set(V);
            c.get(V).get(BEST).f32x4Gt().set(MASK);
            c.get(V).get(BEST).get(MASK).v128Bitselect().set(BEST);
            c.get(POS).i32x4Splat().get(ARG).get(MASK).v128Bitselect().set(ARG);
          });
          // dy goes to that element: dx += dy where the window position is the maximum's, else + 0.
          c.get(DY).get(DYP).i32Add().v128Load().set(D);
          eachInWindow(() => {
            c.get(DX).get(OFF).i32Add();
            c.get(DX).get(OFF).i32Add().v128Load();
            c.get(D).get(ARG).get(POS).i32x4Splat().i32x4Eq().v128And();
            c.f32x4Add().v128Store();
          });
          c.get(DYP).i32Const(16).i32Add().set(DYP);
        });
      });
    });
  });
  const params: ValueType[] = Array<ValueType>(13).fill(I32);
  const locals: ValueType[] = [...Array<ValueType>(15).fill(I32), ...Array<ValueType>(6).fill(V128)];
  return writeModule([{ name: 'maxpool_grad', params, locals, body: c }]);
}

const maxPoolGradFunctionFor = heapFunction('maxpool_grad', maxPoolGradModuleBytes);

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
  const { top, left } = info.padInfo;
  const inside = top === 0 && left === 0
    && (outHeight - 1) * strideHeight + effectiveFilterHeight <= inHeight
    && (outWidth - 1) * strideWidth + effectiveFilterWidth <= inWidth;
  if (inside && channels % 4 === 0 && input.dtype === 'float32' && dy.dtype === 'float32') {
    // Windows inside the input, four channels at a time (the presets' 2x2 poolings).
    (backend.typedArrayFromHeap(out) as Float32Array).fill(0);
    maxPoolGradFunctionFor(backend)(
      heapOffset(backend, input), heapOffset(backend, dy), heapOffset(backend, out),
      batchSize, inHeight, inWidth, channels, outHeight, outWidth,
      strideHeight, strideWidth, effectiveFilterHeight, effectiveFilterWidth,
    );
    return out;
  }
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const dyValues = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
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
 * window once and adds dy to its first maximum, like the cpu kernel: four channels at a time in a
 * SIMD module written at run time when the windows lie inside the input, in JavaScript otherwise
 * (padding, a channel count not divisible by four).
 */
export const maxPoolGradConfig: tf.KernelConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad as tf.KernelFunc,
};
