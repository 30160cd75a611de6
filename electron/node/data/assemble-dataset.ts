import type {
  Dataset,
  DatasetInfo,
  DatasetSplit,
  DatasetSplitName,
  StandardizationStats,
} from '../../../shared/dataset';
import type { SplitIndices } from './split-indices';
import { fitStandardization, standardizeRow } from './standardize';

/** Options of `assembleDataset`. */
export interface AssembleDatasetArgs {
  /** Everything `DatasetInfo` says except what is computed here. */
  info: Omit<DatasetInfo, 'numFeatures' | 'splitSizes' | 'classCounts' | 'standardization'>;
  /** All samples, row-major, `product(info.featureShape)` values each (float64 is fine: it is copied). */
  features: ArrayLike<number>;
  /** One label per sample: class indices (Int32Array) for classification, targets (Float32Array) for regression. */
  labels: Int32Array | Float32Array;
  /** Which samples go to which split. */
  splits: SplitIndices;
  /** Standardise the features with statistics of the training split only. */
  standardize: boolean;
}

const SPLIT_NAMES: DatasetSplitName[] = ['train', 'validation', 'test'];

/**
 * Gathers the samples of each split into their own typed arrays (standardised with the training
 * split's statistics when asked) and completes the `DatasetInfo`.
 */
export function assembleDataset(args: AssembleDatasetArgs): Dataset {
  const { info, features, labels, splits } = args;
  const numFeatures = info.featureShape.reduce((a, b) => a * b, 1);
  const standardization: StandardizationStats | null = args.standardize
    ? fitStandardization(features, numFeatures, splits.train)
    : null;
  const numClasses = info.classNames.length;

  const makeSplit = (rows: Int32Array): DatasetSplit => {
    const out = new Float32Array(rows.length * numFeatures);
    for (let r = 0; r < rows.length; r++) {
      const from = rows[r]! * numFeatures;
      if (standardization) {
        standardizeRow(features, from, standardization, out, r * numFeatures);
      } else if (features instanceof Float32Array) {
        out.set(features.subarray(from, from + numFeatures), r * numFeatures);
      } else {
        for (let f = 0; f < numFeatures; f++) out[r * numFeatures + f] = features[from + f]!;
      }
    }
    const base = { size: rows.length, featureShape: [...info.featureShape], features: out };
    if (info.task === 'classification') {
      const splitLabels = new Int32Array(rows.length);
      for (let r = 0; r < rows.length; r++) splitLabels[r] = labels[rows[r]!]!;
      return { ...base, task: 'classification', numClasses, labels: splitLabels };
    }
    const targets = new Float32Array(rows.length);
    for (let r = 0; r < rows.length; r++) targets[r] = labels[rows[r]!]!;
    return { ...base, task: 'regression', labels: targets };
  };

  const [train, validation, test] = SPLIT_NAMES.map((name) => makeSplit(splits[name])) as [
    DatasetSplit,
    DatasetSplit,
    DatasetSplit,
  ];
  return {
    info: {
      ...info,
      numFeatures,
      splitSizes: { train: train.size, validation: validation.size, test: test.size },
      classCounts:
        info.task === 'classification'
          ? {
              train: countClasses(train, numClasses),
              validation: countClasses(validation, numClasses),
              test: countClasses(test, numClasses),
            }
          : null,
      standardization,
    },
    train,
    validation,
    test,
  };
}

/**
 * Samples per class of a classification split; an empty array for regression.
 *
 * @example countClasses({ task: 'classification', numClasses: 3, size: 3, featureShape: [1],
 *   features: new Float32Array(3), labels: Int32Array.of(0, 2, 2) }, 3) -> [1, 0, 2]
 */
export function countClasses(split: DatasetSplit, numClasses: number): number[] {
  if (split.task !== 'classification') return [];
  const counts = new Array<number>(numClasses).fill(0);
  for (const label of split.labels) counts[label]++;
  return counts;
}
