/**
 * Training batches with random-shift augmentation, as a tfjs dataset for `fitDataset`: each epoch
 * reshuffles and re-shifts the whole training split (seeded, so a run is reproducible).
 */
import * as tf from '@tensorflow/tfjs';
import type { DatasetSplit } from '../../../shared/dataset';
import { SeededRandom } from '../data/seeded-random';
import { shiftImages } from '../data/shift-images';

/** Options of {@link augmentedBatches}. */
export interface AugmentedBatchesArgs {
  batchSize: number;
  maxShift: number;
  seed: number;
  shuffle: boolean;
  /** The first epoch's index (a resumed run continues the sequence). Defaults to 0. */
  firstEpoch?: number;
}

/** A dataset of `{ xs, ys }` batches; iterating it again yields the next epoch's augmentation. */
export function augmentedBatches(split: DatasetSplit, args: AugmentedBatchesArgs): tf.data.Dataset<tf.TensorContainer> {
  if (split.task !== 'classification' || split.featureShape.length !== 3) {
    throw new Error('augmentedBatches: image classification splits only');
  }
  const [height, width, channels] = split.featureShape;
  const sampleSize = height * width * channels;
  const classes = split.numClasses;
  let epoch = args.firstEpoch ?? 0;
  return tf.data.generator(function* () {
    const rng = new SeededRandom(args.seed * 1_000_003 + epoch++);
    const shifted = shiftImages(split.features, split.size, height, width, channels, args.maxShift, rng);
    const order = Array.from({ length: split.size }, (_, i) => i);
    if (args.shuffle) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
    }
    for (let start = 0; start < split.size; start += args.batchSize) {
      const rows = order.slice(start, start + args.batchSize);
      const xs = new Float32Array(rows.length * sampleSize);
      const ys = new Float32Array(rows.length * classes);
      rows.forEach((row, i) => {
        xs.set(shifted.subarray(row * sampleSize, (row + 1) * sampleSize), i * sampleSize);
        ys[i * classes + split.labels[row]] = 1;
      });
      yield { xs: tf.tensor4d(xs, [rows.length, height, width, channels]), ys: tf.tensor2d(ys, [rows.length, classes]) };
    }
  });
}
