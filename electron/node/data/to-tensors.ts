import * as tf from '@tensorflow/tfjs';
import type { DatasetSplit } from '../../../shared/dataset';

/** A split as tensors, ready for `model.fit(x, y)`. */
export interface SplitTensors {
  /** Features, shape `[size, ...featureShape]`, float32. */
  x: tf.Tensor;
  /** Labels, shape `[size, numClasses]` one-hot for classification, `[size, 1]` for regression; float32. */
  y: tf.Tensor2D;
}

/**
 * Turns a split into two tensors. The caller owns them and must dispose both (`tf.dispose([x, y])`).
 * The one-hot labels are built in JavaScript, so no intermediate tensor is created.
 *
 * @example toTensors({ task: 'classification', size: 2, featureShape: [1], numClasses: 3,
 *   features: Float32Array.of(0.5, 1), labels: Int32Array.of(2, 0) })
 *   -> x [[0.5], [1]], y [[0, 0, 1], [1, 0, 0]]
 */
export function toTensors(split: DatasetSplit): SplitTensors {
  const x = tf.tensor(split.features, [split.size, ...split.featureShape], 'float32');
  if (split.task === 'regression') {
    return { x, y: tf.tensor2d(split.labels, [split.size, 1], 'float32') };
  }
  const oneHot = new Float32Array(split.size * split.numClasses);
  for (let i = 0; i < split.size; i++) oneHot[i * split.numClasses + split.labels[i]!] = 1;
  return { x, y: tf.tensor2d(oneHot, [split.size, split.numClasses], 'float32') };
}
