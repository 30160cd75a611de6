/**
 * Plain-text tables for people (the CLI's default output; `--json` is for scripts).
 */

/**
 * Aligns rows under a header, two spaces between columns; numbers-looking cells align right.
 *
 * @example formatTable(['ID', 'N'], [['a', '1'], ['bb', '10']]) -> 'ID   N\na     1\nbb   10'
 */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, col) => Math.max(title.length, ...rows.map((row) => (row[col] ?? '').length)));
  const numeric = header.map((_, col) => rows.length > 0 && rows.every((row) => /^-?[\d.,]+(%|s| ?[kMG]?B)?$|^-$/.test(row[col] ?? '')));
  const line = (cells: string[], isHeader: boolean) =>
    cells
      .map((cell, col) => (numeric[col] && !isHeader ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
      .join('  ')
      .trimEnd();
  return [line(header, true), ...rows.map((row) => line(row, false))].join('\n');
}

/**
 * Bytes for people.
 *
 * @example formatBytes(1536) -> '1.5 kB'
 * @example formatBytes(12) -> '12 B'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A duration for people.
 *
 * @example formatDuration(65_000) -> '1m05s'
 * @example formatDuration(4_200) -> '4.2s'
 */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  if (minutes < 60) return `${minutes}m${String(seconds).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}

/**
 * A metric value for tables: 4 significant decimals, `-` when absent.
 *
 * @example formatMetric(0.123456) -> '0.1235'
 * @example formatMetric(undefined) -> '-'
 */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  if (!Number.isFinite(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toFixed(4);
}
