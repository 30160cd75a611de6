import type { FormatSpec } from './parse-format-spec';
import { PythonFormatError } from './python-format-error';
import { repeatText } from './repeat-text';

function hasSurrogates(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

/**
 * CPython's `format_string_internal`: pads and truncates a str with a parsed spec of type `s`.
 * Lengths count code points, as Python's do.
 *
 * @example renderStr('abc', parseFormatSpec('*^7', 's', '<', 'str')) -> '**abc**'
 * @example renderStr('abcdef', parseFormatSpec('.2', 's', '<', 'str')) -> 'ab'
 */
export function renderStr(value: string, spec: FormatSpec): string {
  if (spec.sign === ' ') throw new PythonFormatError('ValueError', 'Space not allowed in string format specifier');
  if (spec.sign !== '') throw new PythonFormatError('ValueError', 'Sign not allowed in string format specifier');
  if (spec.noNegativeZero) {
    throw new PythonFormatError('ValueError', 'Negative zero coercion (z) not allowed in string format specifier');
  }
  if (spec.alternate) {
    throw new PythonFormatError('ValueError', 'Alternate form (#) not allowed in string format specifier');
  }
  if (spec.align === '=') {
    throw new PythonFormatError('ValueError', "'=' alignment not allowed in string format specifier");
  }
  const chars = hasSurrogates(value) ? Array.from(value) : null;
  let length = chars === null ? value.length : chars.length;
  if ((spec.width === -1 || spec.width <= length) && (spec.precision === -1 || spec.precision >= length)) {
    return value;
  }
  let text = value;
  if (spec.precision >= 0 && length >= spec.precision) {
    length = spec.precision;
    text = chars === null ? value.slice(0, length) : chars.slice(0, length).join('');
  }
  const total = Math.max(length, spec.width);
  const left = spec.align === '>' ? total - length : spec.align === '^' ? Math.floor((total - length) / 2) : 0;
  return repeatText(spec.fill, left) + text + repeatText(spec.fill, total - length - left);
}
