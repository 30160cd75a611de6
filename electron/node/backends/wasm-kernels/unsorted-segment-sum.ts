import * as tf from '@tensorflow/tfjs';

import { type KernelArgs, withKernelScope } from './wasm-kernel-scope';

function unsortedSegmentSum({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  return withKernelScope(backend, (scope) => {
    // Segment ids index the leading axes of x (TensorFlow's semantics); the rest of x is summed
    // row-wise. ScatterNd adds the updates of repeated indices, which is exactly a segment sum.
    const rows = tf.util.sizeFromShape(segmentIds.shape);
    const rest = x.shape.slice(segmentIds.shape.length);
    const width = tf.util.sizeFromShape(rest);
    const outShape = [numSegments, ...rest];
    // Like the cpu kernel (and TensorFlow), ids outside [0, numSegments) are dropped.
    const idValues = scope.backend.typedArrayFromHeap(segmentIds) as Int32Array;
    const valid: number[] = [];
    for (let i = 0; i < idValues.length; i++) if (idValues[i] >= 0 && idValues[i] < numSegments) valid.push(i);
    if (valid.length === 0 || width === 0) {
      const zeros = scope.track(scope.backend.makeOutput(outShape, x.dtype));
      scope.backend.typedArrayFromHeap(zeros).fill(0);
      return zeros;
    }
    let ids = scope.reshape(segmentIds, [rows, 1]);
    let updates = scope.reshape(x, [rows, width]);
    if (valid.length < rows) {
      const keep = scope.track(scope.backend.makeOutput([valid.length], 'int32'));
      (scope.backend.typedArrayFromHeap(keep) as Int32Array).set(valid);
      ids = scope.run('GatherV2', { x: ids, indices: keep }, { axis: 0, batchDims: 0 });
      updates = scope.run('GatherV2', { x: updates, indices: keep }, { axis: 0, batchDims: 0 });
    }
    const summed = scope.run('ScatterNd', { indices: ids, updates }, { shape: [numSegments, width] });
    return scope.reshape(summed, outShape);
  });
}

/**
 * UnsortedSegmentSum for wasm (the gradient of Gather, hence of Embedding layers), which
 * tfjs-backend-wasm 4.22 lacks, as one ScatterNd. Ids out of range are ignored, as on cpu.
 */
export const unsortedSegmentSumConfig: tf.KernelConfig = {
  kernelName: tf.UnsortedSegmentSum,
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as tf.KernelFunc,
};
