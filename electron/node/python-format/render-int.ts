import type { FormatSpec } from './parse-format-spec';
import { PythonFormatError } from './python-format-error';
import { renderNumberField } from './render-number-field';

const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;

const BASES: Record<string, { base: number; prefix: string }> = {
  b: { base: 2, prefix: '0b' },
  o: { base: 8, prefix: '0o' },
  x: { base: 16, prefix: '0x' },
  X: { base: 16, prefix: '0x' },
  d: { base: 10, prefix: '' },
  n: { base: 10, prefix: '' },
};

/**
 * CPython's `format_long_internal`: formats an int with a parsed spec whose type is one of
 * `b c d o x X n`. `n` is formatted as in the C locale (no grouping), i.e. like `d`.
 *
 * @example renderInt(255n, parseFormatSpec('#X', 'd', '>', 'int')) -> '0XFF'
 * @example renderInt(123456789n, parseFormatSpec('_x', 'd', '>', 'int')) -> '75b_cd15'
 * @example renderInt(65n, parseFormatSpec('^5c', 'd', '>', 'int')) -> '  A  '
 */
export function renderInt(value: bigint, spec: FormatSpec): string {
  if (spec.precision !== -1) {
    throw new PythonFormatError('ValueError', 'Precision not allowed in integer format specifier');
  }
  if (spec.noNegativeZero) {
    throw new PythonFormatError('ValueError', 'Negative zero coercion (z) not allowed in integer format specifier');
  }
  if (spec.type === 'c') {
    if (spec.sign !== '') {
      throw new PythonFormatError('ValueError', "Sign not allowed with integer format specifier 'c'");
    }
    if (spec.alternate) {
      throw new PythonFormatError('ValueError', "Alternate form (#) not allowed with integer format specifier 'c'");
    }
    if (value < LONG_MIN || value > LONG_MAX) {
      throw new PythonFormatError('OverflowError', 'Python int too large to convert to C long');
    }
    if (value < 0n || value > 0x10ffffn) {
      throw new PythonFormatError('OverflowError', '%c arg not in range(0x110000)');
    }
    const char = String.fromCodePoint(Number(value));
    return renderNumberField(
      { signChar: '', prefix: '', digits: '', hasDecimal: false, remainder: char, remainderLength: 1 },
      spec,
      false,
    );
  }
  const { base, prefix } = BASES[spec.type];
  const negative = value < 0n;
  return renderNumberField(
    {
      signChar: negative ? '-' : '',
      prefix: spec.alternate ? prefix : '',
      digits: (negative ? -value : value).toString(base),
      hasDecimal: false,
      remainder: '',
      remainderLength: 0,
    },
    spec,
    spec.type === 'X',
  );
}
