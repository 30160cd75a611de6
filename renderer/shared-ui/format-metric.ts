/**
 * A metric value for people: four significant digits, exponent notation for very small or very
 * large values, words for what is not a number.
 *
 * @example formatMetric(0.123456) -> '0.1235'
 * @example formatMetric(12.3456) -> '12.35'
 * @example formatMetric(0.0001234) -> '1.234e-4'
 * @example formatMetric(NaN) -> 'NaN'
 * @example formatMetric(null) -> '—'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  const abs = Math.abs(value);
  if (value !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(3).replace('e+', 'e');
  return String(Number(value.toPrecision(4)));
}
