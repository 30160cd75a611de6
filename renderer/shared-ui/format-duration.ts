/**
 * A duration for people, to the second, at most two units.
 *
 * @example formatDuration(45_000) -> '45 s'
 * @example formatDuration(125_000) -> '2 min 5 s'
 * @example formatDuration(3_725_000) -> '1 h 2 min'
 */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const min = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  if (h > 0) return `${h} h ${min} min`;
  if (min > 0) return `${min} min ${s} s`;
  return `${s} s`;
}
