import { repeatText } from './repeat-text';

/**
 * CPython's `_PyUnicode_InsertThousandsGrouping`: joins groups of `groupSize` digits from the
 * right with `separator`, and with zero padding (`'0'` fill and `=` alignment) also pads the
 * digits with zeros to `minWidth`, putting separators between the padding zeros too. Without
 * grouping (`groupSize` 0) it only pads.
 *
 * @example insertGrouping('1234567', 0, 3, ',') -> '1,234,567'
 * @example insertGrouping('1234', 10, 3, ',') -> '00,001,234'
 * @example insertGrouping('1234', 9, 3, ',') -> '0,001,234'
 * @example insertGrouping('42', 5, 0, '') -> '00042'
 */
export function insertGrouping(digits: string, minWidth: number, groupSize: number, separator: string): string {
  let remaining = digits.length;
  let width = Math.max(0, minWidth);
  let out = '';
  let useSeparator = false;
  if (groupSize > 0) {
    // The group generator yields groupSize forever, so this loop always ends by its break.
    for (;;) {
      const length = Math.min(groupSize, Math.max(remaining, width, 1));
      const zeros = Math.max(0, length - remaining);
      const chars = Math.max(0, Math.min(remaining, length));
      out = repeatText('0', zeros) + digits.slice(remaining - chars, remaining) + (useSeparator ? separator : '') + out;
      useSeparator = true;
      remaining -= chars;
      width -= length;
      if (remaining <= 0 && width <= 0) return out;
      width -= separator.length;
    }
  }
  const length = Math.max(remaining, width, 1);
  return repeatText('0', Math.max(0, length - remaining)) + digits;
}
