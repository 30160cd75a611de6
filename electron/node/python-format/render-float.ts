import { formatFloatShort } from './format-float-short';
import type { FormatSpec } from './parse-format-spec';
import { PythonFormatError } from './python-format-error';
import { renderNumberField } from './render-number-field';

const INT_MAX = 2147483647;

/**
 * CPython's `format_float_internal`: formats a float with a parsed spec whose type is one of
 * `e E f F g G n %` or `''` (no type: like `g` with at least one digit after the point when a
 * precision is given, else repr). `n` is formatted as in the C locale, i.e. like `g`.
 *
 * @example renderFloat(0.375, parseFormatSpec('.2f', '', '>', 'float')) -> '0.38'
 * @example renderFloat(-0.0, parseFormatSpec('z.1f', '', '>', 'float')) -> '0.0'
 * @example renderFloat(1.0, parseFormatSpec('.3', '', '>', 'float')) -> '1.0'
 */
export function renderFloat(value: number, spec: FormatSpec): string {
  if (spec.precision > INT_MAX) throw new PythonFormatError('ValueError', 'precision too big');
  let type = spec.type;
  let precision = spec.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  if (type === '') {
    addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let x = value;
  let percent = false;
  if (type === '%') {
    type = 'f';
    x *= 100;
    percent = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';

  let text = formatFloatShort(x, type.toLowerCase() as 'e' | 'f' | 'g' | 'r', precision, {
    addDot0,
    alternate: spec.alternate,
    noNegativeZero: spec.noNegativeZero,
    upper: type === 'E' || type === 'F' || type === 'G',
  });
  if (percent) text += '%';
  if (spec.width < 0 && spec.sign !== '+' && spec.sign !== ' ' && spec.groupSize === 0) return text;

  const signChar = text.charCodeAt(0) === 45 ? '-' : '';
  let pos = signChar.length;
  const digitsStart = pos;
  while (pos < text.length && text.charCodeAt(pos) >= 48 && text.charCodeAt(pos) <= 57) pos += 1;
  const digits = text.slice(digitsStart, pos);
  const hasDecimal = text.charCodeAt(pos) === 46;
  const remainder = text.slice(hasDecimal ? pos + 1 : pos);
  return renderNumberField(
    { signChar, prefix: '', digits, hasDecimal, remainder, remainderLength: remainder.length },
    spec,
    false,
  );
}
