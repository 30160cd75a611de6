import type { DatasetSplitName, SplitSizes } from '../../../shared/dataset';
import { SeededRandom } from './seeded-random';

/** Options of `splitIndices`. */
export interface SplitIndicesArgs {
  /** Number of samples to split. */
  count: number;
  /** Fraction held out for validation, in [0, 1). */
  validationSplit: number;
  /** Fraction held out for testing, in [0, 1). */
  testSplit: number;
  /** Seed of the shuffles. */
  seed: number;
  /**
   * Class index of each sample: when given, every class is spread over the splits in proportion
   * (stratified). Defaults to none: a plain shuffle.
   */
  labels?: Int32Array;
  /** Number of classes (required with `labels`). */
  numClasses?: number;
}

/** Sample indices of each split. */
export type SplitIndices = Record<DatasetSplitName, Int32Array>;

/**
 * How many samples each split gets: validation and test each `round(count * fraction)`, but at
 * least 1 when the fraction is above 0; train gets the rest (possibly 0 or less: callers check).
 *
 * @example computeSplitSizes(150, 0.2, 0.2) -> { train: 90, validation: 30, test: 30 }
 * @example computeSplitSizes(10, 0.01, 0) -> { train: 9, validation: 1, test: 0 }
 */
export function computeSplitSizes(count: number, validationSplit: number, testSplit: number): SplitSizes {
  const held = (fraction: number) => (fraction > 0 ? Math.max(1, Math.round(count * fraction)) : 0);
  const validation = held(validationSplit);
  const test = held(testSplit);
  return { train: count - validation - test, validation, test };
}

/**
 * Splits `0..count-1` into train / validation / test with the sizes of `computeSplitSizes`,
 * deterministically for a given seed. Each split comes back in shuffled order.
 *
 * Stratified (with `labels`): each class's samples are shuffled, then each class gives the test
 * and validation splits its share of their sizes (largest remainder, ties to the lower class
 * index), so the totals are exact and every class keeps at least one training sample where
 * the sizes allow it.
 *
 * @throws Error when the sizes leave no training sample (callers check `computeSplitSizes` first).
 */
export function splitIndices(args: SplitIndicesArgs): SplitIndices {
  const { count, seed, labels } = args;
  const sizes = computeSplitSizes(count, args.validationSplit, args.testSplit);
  if (sizes.train < 1) {
    throw new Error(`splitIndices: ${count} samples leave none for training (${JSON.stringify(sizes)})`);
  }
  const random = new SeededRandom(seed);
  if (labels === undefined) {
    const order = random.shuffle(Int32Array.from({ length: count }, (_, i) => i));
    return {
      test: order.slice(0, sizes.test),
      validation: order.slice(sizes.test, sizes.test + sizes.validation),
      train: order.slice(sizes.test + sizes.validation),
    };
  }

  const numClasses = args.numClasses ?? 0;
  const groups: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < count; i++) groups[labels[i]!]!.push(i);
  for (const group of groups) random.shuffle(group);

  const classCounts = groups.map((group) => group.length);
  // Keep one sample of each class for training when the held-out sizes allow it.
  const reserve = count - numClassesPresent(classCounts) >= sizes.test + sizes.validation ? 1 : 0;
  const available = classCounts.map((n) => Math.max(0, n - reserve));
  const testPerClass = allocate(sizes.test, classCounts, available);
  const afterTest = available.map((n, c) => n - testPerClass[c]!);
  const validationPerClass = allocate(sizes.validation, classCounts, afterTest);

  const test: number[] = [];
  const validation: number[] = [];
  const train: number[] = [];
  groups.forEach((group, c) => {
    const t = testPerClass[c]!;
    const v = validationPerClass[c]!;
    test.push(...group.slice(0, t));
    validation.push(...group.slice(t, t + v));
    for (let k = t + v; k < group.length; k++) train.push(group[k]!);
  });
  return {
    train: random.shuffle(Int32Array.from(train)),
    validation: random.shuffle(Int32Array.from(validation)),
    test: random.shuffle(Int32Array.from(test)),
  };
}

function numClassesPresent(classCounts: number[]): number {
  return classCounts.filter((n) => n > 0).length;
}

/**
 * Shares `total` among classes in proportion to `weights` (largest remainder method), never
 * giving a class more than `available[c]`. Requires `total <= sum(available)`.
 *
 * @example allocate(3, [5, 5, 2], [5, 5, 2]) -> [1, 1, 1]   (quotas 1.25, 1.25, 0.5)
 */
function allocate(total: number, weights: number[], available: number[]): number[] {
  const weightSum = weights.reduce((a, b) => a + b, 0);
  if (total === 0 || weightSum === 0) return weights.map(() => 0);
  const quotas = weights.map((w) => (total * w) / weightSum);
  const result = quotas.map((q, c) => Math.min(Math.floor(q), available[c]!));
  let left = total - result.reduce((a, b) => a + b, 0);
  const byRemainder = quotas
    .map((q, c) => ({ c, remainder: q - Math.floor(q) }))
    .sort((a, b) => b.remainder - a.remainder || a.c - b.c);
  // First pass by largest remainder, then (only when caps bit) anywhere there is room.
  for (const pass of [0, 1]) {
    for (const { c } of byRemainder) {
      if (left === 0) break;
      const room = available[c]! - result[c]!;
      if (room <= 0) continue;
      const give = pass === 0 ? 1 : Math.min(room, left);
      result[c]! += give;
      left -= give;
    }
  }
  return result;
}
