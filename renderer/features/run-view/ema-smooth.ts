/**
 * Exponential moving average with TensorBoard's debiasing, so the first points are not pulled
 * towards 0. `weight` 0 returns the values unchanged; values that are not finite pass through
 * and do not enter the average.
 *
 * @example emaSmooth([1, 2, 3], 0.5) -> [1, 1.6666666666666667, 2.4285714285714284]
 * @example emaSmooth([1, NaN, 3], 0) -> [1, NaN, 3]
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  if (!(weight >= 0 && weight < 1)) throw new RangeError(`emaSmooth: weight must be in [0, 1); received ${weight}.`);
  if (weight === 0) return [...values];
  let last = 0;
  let count = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * weight + (1 - weight) * value;
    count += 1;
    return last / (1 - weight ** count);
  });
}
