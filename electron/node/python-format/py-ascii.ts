import type { PyValue } from './py-value';
import { pyRepr } from './py-repr';

/**
 * Python's `ascii()`: `repr()` with every non-ASCII code point escaped as `\xNN`, `\uNNNN`
 * or `\UNNNNNNNN` (the `!a` conversion of `str.format`).
 *
 * @example pyAscii('héllo') -> "'h\\xe9llo'"
 * @example pyAscii(0.5) -> '0.5'
 */
export function pyAscii(value: PyValue): string {
  const repr = pyRepr(value);
  let out = '';
  for (const char of repr) {
    const codePoint = char.codePointAt(0) as number;
    if (codePoint < 0x80) out += char;
    else if (codePoint <= 0xff) out += '\\x' + codePoint.toString(16).padStart(2, '0');
    else if (codePoint <= 0xffff) out += '\\u' + codePoint.toString(16).padStart(4, '0');
    else out += '\\U' + codePoint.toString(16).padStart(8, '0');
  }
  return out;
}
