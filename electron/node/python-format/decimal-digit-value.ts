const DECIMAL_DIGIT = /^\p{Nd}$/u;

function isDecimalDigit(codePoint: number): boolean {
  return codePoint >= 0 && DECIMAL_DIGIT.test(String.fromCodePoint(codePoint));
}

/**
 * The value of a Unicode decimal digit, or -1: CPython's `Py_UNICODE_TODECIMAL`, which
 * `str.format` uses for widths, precisions and field numbers (`'١٠'` is a width of 10).
 * Unicode encodes every decimal digit set as ten consecutive code points from 0 to 9, so a
 * digit's value is its offset from the start of its run, modulo 10.
 *
 * @example decimalDigitValue('7'.codePointAt(0)) -> 7
 * @example decimalDigitValue('٣'.codePointAt(0)) -> 3
 * @example decimalDigitValue('x'.codePointAt(0)) -> -1
 */
export function decimalDigitValue(codePoint: number): number {
  if (codePoint >= 48 && codePoint <= 57) return codePoint - 48;
  if (codePoint < 0x660 || !isDecimalDigit(codePoint)) return -1; // U+0660 is the first non-ASCII digit
  let start = codePoint;
  while (isDecimalDigit(start - 1)) start -= 1;
  return (codePoint - start) % 10;
}
