import * as tf from '@tensorflow/tfjs';

import { heapOffset } from './heap-copy';
import { heapFunction } from './heap-function';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';
import { Code, I32, type ValueType, writeModule } from './wasm-module-writer';

// column_sums(x, out, rows, columns): out[c] = sum over r of x[r][c], rows in order; columns % 4 == 0.
const X = 0, OUT = 1, ROWS = 2, COLUMNS = 3;
const R = 4, C = 5, ROW_BYTES = 6, SRC = 7;

function columnSumsModuleBytes(): Uint8Array<ArrayBuffer> {
  const c = new Code();
  c.get(COLUMNS).i32Const(2).i32Shl().set(ROW_BYTES);
  c.countUp(C, ROW_BYTES, 16, () => c.get(OUT).get(C).i32Add().v128Zero().v128Store());
  c.get(X).set(SRC);
  c.countUp(R, ROWS, 1, () => {
    c.i32Const(0).set(C);
    c.countUp(C, ROW_BYTES, 16, () => {
      c.get(OUT).get(C).i32Add();
      c.get(OUT).get(C).i32Add().v128Load();
      c.get(SRC).get(C).i32Add().v128Load();
      c.f32x4Add().v128Store();
    });
    c.get(SRC).get(ROW_BYTES).i32Add().set(SRC);
  });
  const params: ValueType[] = [I32, I32, I32, I32];
  const locals: ValueType[] = [I32, I32, I32, I32];
  return writeModule([{ name: 'column_sums', params, locals, body: c }]);
}

const columnSumsFor = heapFunction('column_sums', columnSumsModuleBytes);

/**
 * Sum for wasm, replacing the stock one for float32 sums over leading axes (a bias gradient sums
 * the batch, or the batch and the image, for every channel): four columns at a time in one pass
 * over the input, adding the rows in order. The stock kernel first transposes the reduced axes to
 * the end (a copy of the whole input) and then sums each channel's values one by one. Other sums
 * (over trailing or scattered axes, of fewer than four columns, of integers) go to the stock kernel.
 *
 * @param original the stock kernel.
 */
export function makeSumConfig(original: tf.KernelConfig): tf.KernelConfig {
  function sum(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    if (x.dtype !== 'float32') return original.kernelFunc(args);
    const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.every((a, i) => a === i) && axes.length < x.shape.length;
    if (!leading) return original.kernelFunc(args);
    const rows = tf.util.sizeFromShape(x.shape.slice(0, axes.length));
    const columns = tf.util.sizeFromShape(x.shape.slice(axes.length));
    if (columns % 4 !== 0 || rows * columns === 0) return original.kernelFunc(args);
    const backend = args.backend as WasmBackendLike;
    const outShape = keepDims ? tf.backend_util.expandShapeToKeepDim(x.shape.slice(axes.length), axes) : x.shape.slice(axes.length);
    const out = backend.makeOutput(outShape, 'float32');
    columnSumsFor(backend)(heapOffset(backend, x), heapOffset(backend, out), rows, columns);
    return out;
  }
  return { ...original, kernelFunc: sum as tf.KernelFunc };
}
