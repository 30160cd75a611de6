import type { Dataset, IrisSpec } from '../../../shared/dataset';
import { assembleDataset } from './assemble-dataset';
import { validateDatasetSpec } from './dataset-spec';
import { IRIS_FEATURE_NAMES, IRIS_ROWS, IRIS_SPECIES } from './iris-data';
import { splitIndices } from './split-indices';

/** Fraction of the 150 flowers held out for validation, and for testing: 30 each, 10 per species. */
const IRIS_HELD_OUT_FRACTION = 0.2;

/**
 * Fisher's iris data (see `iris-data.ts`): 4 features, 3 species, split 90/30/30 stratified
 * (30/10/10 per species) with a seeded shuffle, features standardised with the training split's
 * mean and std.
 *
 * @param args `seed` of the split (defaults to 0); the same seed always gives the same split.
 * @throws ConfigError when `seed` is not an integer from 0 to 4294967295.
 */
export function loadIris(args: Omit<IrisSpec, 'kind'> = {}): Dataset {
  const spec = validateDatasetSpec({ ...args, kind: 'iris' });
  const features = new Float64Array(IRIS_ROWS.length * IRIS_FEATURE_NAMES.length);
  const labels = new Int32Array(IRIS_ROWS.length);
  IRIS_ROWS.forEach((row, i) => {
    for (let f = 0; f < 4; f++) features[i * 4 + f] = row[f]!;
    labels[i] = row[4];
  });
  return assembleDataset({
    info: {
      name: 'Iris',
      source:
        'R. A. Fisher (1936), via the UCI Machine Learning Repository (archive.ics.uci.edu/dataset/53/iris), shipped in the app',
      spec,
      task: 'classification',
      featureShape: [IRIS_FEATURE_NAMES.length],
      featureNames: [...IRIS_FEATURE_NAMES],
      labelName: 'species',
      classNames: [...IRIS_SPECIES],
    },
    features,
    labels,
    splits: splitIndices({
      count: IRIS_ROWS.length,
      validationSplit: IRIS_HELD_OUT_FRACTION,
      testSplit: IRIS_HELD_OUT_FRACTION,
      seed: spec.seed,
      labels,
      numClasses: IRIS_SPECIES.length,
    }),
    standardize: true,
  });
}
