import * as tf from '@tensorflow/tfjs';

import { HeapCopier, heapOffset } from './heap-copy';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';

/**
 * Slice for wasm, replacing the stock one for numeric tensors. The stock kernel starts with
 * `backend.readSync(x)`, a copy of the whole input: slicing one batch of 128 rows out of a
 * 60000 x 784 data set copied all 188 MB of it. This one copies only the sliced runs.
 *
 * @param original the stock kernel, still used for string tensors.
 */
export function makeSliceConfig(original: tf.KernelConfig): tf.KernelConfig {
  function slice(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { inputs, attrs } = args;
    const { x } = inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string' || x.dtype === 'complex64') return original.kernelFunc(args);
    const backend = args.backend as WasmBackendLike;
    const { begin, size } = attrs as unknown as tf.SliceAttrs;
    const [start, extent] = tf.slice_util.parseSliceParams(x as tf.Tensor, begin, size);
    tf.slice_util.assertParamsValid(x as tf.Tensor, start, extent);
    const out = backend.makeOutput(extent, x.dtype);
    if (tf.util.sizeFromShape(extent) === 0) return out;
    const elementBytes = tf.util.bytesPerElement(x.dtype);
    const copier = new HeapCopier(backend, elementBytes);
    const rank = x.shape.length;
    if (rank === 0) {
      copier.copy(heapOffset(backend, x), heapOffset(backend, out), 1);
      return out;
    }
    const strides = tf.util.computeStrides(x.shape);
    // The innermost axes the slice takes whole form one contiguous run, together with the axis
    // just outside them.
    let runAxis = rank - 1;
    while (runAxis > 0 && start[runAxis] === 0 && extent[runAxis] === x.shape[runAxis]) runAxis--;
    const runLength = tf.util.sizeFromShape(extent.slice(runAxis));
    const runBytes = runLength * elementBytes;
    const source = heapOffset(backend, x);
    let target = heapOffset(backend, out);
    const position = start.slice(0, runAxis);
    const runs = tf.util.sizeFromShape(extent.slice(0, runAxis));
    for (let r = 0; r < runs; r++) {
      let element = start[runAxis] * (strides[runAxis] ?? 1);
      for (let axis = 0; axis < runAxis; axis++) element += position[axis] * strides[axis];
      copier.copy(source + element * elementBytes, target, runLength);
      target += runBytes;
      // Odometer over the outer axes.
      for (let axis = runAxis - 1; axis >= 0; axis--) {
        if (++position[axis] < start[axis] + extent[axis]) break;
        position[axis] = start[axis];
      }
    }
    return out;
  }
  return { ...original, kernelFunc: slice as tf.KernelFunc };
}
