import { PythonFormatError } from './python-format-error';

/** V8's longest string on 64-bit platforms (`require('node:buffer').constants.MAX_STRING_LENGTH`). */
const MAX_STRING_LENGTH = 536_870_888;

/**
 * `text.repeat(count)` for padding and zero runs, raising what CPython raises when it cannot
 * allocate the result (MemoryError with an empty message) where JS strings would overflow,
 * instead of a RangeError. CPython may still succeed there on a machine with enough memory.
 *
 * @example repeatText('*', 3) -> '***'
 * @example repeatText(' ', 10 ** 12) -> throws MemoryError ''
 */
export function repeatText(text: string, count: number): string {
  if (count <= 0) return '';
  if (count * text.length > MAX_STRING_LENGTH) throw new PythonFormatError('MemoryError', '');
  return text.repeat(count);
}
