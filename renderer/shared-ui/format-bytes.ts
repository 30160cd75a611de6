const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * A size in bytes for people, in powers of 1024.
 *
 * @example formatBytes(512) -> '512 B'
 * @example formatBytes(1536) -> '1.5 KiB'
 * @example formatBytes(3 * 1024 ** 2) -> '3.0 MiB'
 */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
