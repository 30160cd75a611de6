import type { FormatSpec } from './parse-format-spec';
import { insertGrouping } from './insert-grouping';
import { repeatText } from './repeat-text';

/** The parts of a formatted number, before padding and grouping. */
export interface NumberParts {
  /** `'-'` for a negative number, else `''`. */
  signChar: '' | '-';
  /** `0x`, `0o`, `0b` (alternate form of ints), else `''`. */
  prefix: string;
  /** The integer digits, ungrouped (`''` for the `c` type and for `inf`/`nan`). */
  digits: string;
  /** Whether a decimal point follows the digits. */
  hasDecimal: boolean;
  /** Everything after the digits and decimal point: fraction, exponent, `%`, `inf`, or the `c` character. */
  remainder: string;
  /** The remainder's length in code points. */
  remainderLength: number;
}

/**
 * CPython's `calc_number_widths` + `fill_number`: lays out a number's sign, prefix, grouped
 * digits, decimal point and remainder in `spec.width` with the spec's fill, alignment, sign
 * option and grouping. `toUpper` upper-cases prefix and digits (the `X` type).
 *
 * @example
 * renderNumberField(
 *   { signChar: '-', prefix: '', digits: '1234', hasDecimal: true, remainder: '5', remainderLength: 1 },
 *   parseFormatSpec('012,', '', '>', 'float'),
 *   false,
 * ) -> '-0,001,234.5'
 */
export function renderNumberField(parts: NumberParts, spec: FormatSpec, toUpper: boolean): string {
  let sign: string = parts.signChar;
  if (spec.sign === '+') sign = parts.signChar === '-' ? '-' : '+';
  else if (spec.sign === ' ') sign = parts.signChar === '-' ? '-' : ' ';

  const nonDigits = sign.length + parts.prefix.length + (parts.hasDecimal ? 1 : 0) + parts.remainderLength;
  const minWidth = spec.fill === '0' && spec.align === '=' ? spec.width - nonDigits : 0;
  let grouped =
    parts.digits.length === 0 ? '' : insertGrouping(parts.digits, minWidth, spec.groupSize, spec.groupSeparator);
  let prefix = parts.prefix;
  if (toUpper) {
    prefix = prefix.toUpperCase();
    grouped = grouped.toUpperCase();
  }
  const body = prefix + grouped + (parts.hasDecimal ? '.' : '') + parts.remainder;
  const padding = spec.width - (nonDigits + grouped.length);
  if (padding <= 0) return sign + body;
  switch (spec.align) {
    case '<':
      return sign + body + repeatText(spec.fill, padding);
    case '^': {
      const left = Math.floor(padding / 2);
      return repeatText(spec.fill, left) + sign + body + repeatText(spec.fill, padding - left);
    }
    case '=':
      return sign + prefix + repeatText(spec.fill, padding) + grouped + (parts.hasDecimal ? '.' : '') + parts.remainder;
    default:
      return repeatText(spec.fill, padding) + sign + body;
  }
}
