import type { Dataset, ResolvedDatasetSpec } from '../../../shared/dataset';
import { assembleDataset } from './assemble-dataset';
import { splitIndices } from './split-indices';

type PointSetSpec = Extract<ResolvedDatasetSpec, { kind: 'spirals' | 'xor' }>;

/** Options of `assemblePointSet`. */
export interface AssemblePointSetArgs {
  spec: PointSetSpec;
  name: string;
  classNames: string[];
  /** `[x0, y0, x1, y1, ...]`, one pair per point. */
  points: Float64Array;
  /** Class index of each point. */
  labels: Int32Array;
}

/**
 * A generated 2-D two-class set as a `Dataset`: features `x` and `y` (not standardised: they
 * already lie in about [-1, 1]), split stratified with the spec's seed and fractions.
 */
export function assemblePointSet(args: AssemblePointSetArgs): Dataset {
  const { spec, labels } = args;
  return assembleDataset({
    info: {
      name: args.name,
      source: `generated (seed ${spec.seed}, ${spec.samples} points, noise ${spec.noise})`,
      spec,
      task: 'classification',
      featureShape: [2],
      featureNames: ['x', 'y'],
      labelName: 'class',
      classNames: args.classNames,
    },
    features: args.points,
    labels,
    splits: splitIndices({
      count: spec.samples,
      validationSplit: spec.validationSplit,
      testSplit: spec.testSplit,
      seed: spec.seed,
      labels,
      numClasses: args.classNames.length,
    }),
    standardize: false,
  });
}
