import type { StandardizationStats } from '../../../shared/dataset';

/**
 * A standard deviation this small relative to the mean's size is a constant column whose
 * variance is rounding noise; dividing by it would blow that noise up to ±1.
 */
const RELATIVE_ZERO_STD = 1e-9;

/**
 * Mean and population standard deviation of each feature over the given rows only (the training
 * split), computed in float64 with two passes. A constant column gets std 0.
 *
 * @param features Row-major values, `numFeatures` per row.
 * @param rows Indices of the rows to use.
 * @example fitStandardization(Float64Array.of(1, 5, 3, 5), 2, Int32Array.of(0, 1))
 *   -> { mean: [2, 5], std: [1, 0] }
 */
export function fitStandardization(
  features: ArrayLike<number>,
  numFeatures: number,
  rows: ArrayLike<number>,
): StandardizationStats {
  const mean = new Array<number>(numFeatures).fill(0);
  const std = new Array<number>(numFeatures).fill(0);
  const n = rows.length;
  if (n === 0) return { mean, std };
  for (let r = 0; r < n; r++) {
    const base = rows[r]! * numFeatures;
    for (let f = 0; f < numFeatures; f++) mean[f] += features[base + f]!;
  }
  for (let f = 0; f < numFeatures; f++) mean[f] /= n;
  for (let r = 0; r < n; r++) {
    const base = rows[r]! * numFeatures;
    for (let f = 0; f < numFeatures; f++) {
      const d = features[base + f]! - mean[f]!;
      std[f] += d * d;
    }
  }
  for (let f = 0; f < numFeatures; f++) {
    const s = Math.sqrt(std[f]! / n);
    std[f] = s <= RELATIVE_ZERO_STD * Math.max(1, Math.abs(mean[f]!)) ? 0 : s;
  }
  return { mean, std };
}

/**
 * Writes `(x - mean) / (std > 0 ? std : 1)` of one row into `out` at `outOffset`.
 *
 * @example const out = new Float32Array(2);
 *   standardizeRow([3, 5], 0, { mean: [2, 5], std: [1, 0] }, out, 0) -> out is [1, 0]
 */
export function standardizeRow(
  row: ArrayLike<number>,
  rowOffset: number,
  stats: StandardizationStats,
  out: Float32Array,
  outOffset: number,
): void {
  const { mean, std } = stats;
  for (let f = 0; f < mean.length; f++) {
    const s = std[f]!;
    out[outOffset + f] = (row[rowOffset + f]! - mean[f]!) / (s > 0 ? s : 1);
  }
}
