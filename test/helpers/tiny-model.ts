/** Tiny real tfjs models and data for tests that train. */
import * as tf from '@tensorflow/tfjs';

/** Uses tfjs's pure-JS cpu backend (deterministic, available everywhere). */
export async function useCpuBackend(): Promise<void> {
  if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
  await tf.ready();
}

/** A 4-8-3 softmax classifier compiled with Adam and accuracy. */
export function tinyClassifier(seed = 1): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [4], units: 8, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: 3, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

/** Separable 3-class data: the class is the index of the largest of the first three features. */
export function tinyData(samples = 48): { x: tf.Tensor2D; y: tf.Tensor2D } {
  const xs: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < samples; i++) {
    const row = [Math.sin(i * 1.7), Math.cos(i * 2.3), Math.sin(i * 0.7 + 1), Math.cos(i * 0.3)];
    xs.push(row);
    labels.push(row.slice(0, 3).indexOf(Math.max(...row.slice(0, 3))));
  }
  return { x: tf.tensor2d(xs), y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D };
}
