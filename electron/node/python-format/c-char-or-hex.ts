/**
 * A code point as CPython's error messages print it: the character itself when it is printable
 * ASCII (above 32 and below `limit`), else `\x` and its hex digits without padding. Format-spec
 * messages use a limit of 128, conversion messages 127.
 *
 * @example cCharOrHex('d'.codePointAt(0), 128) -> 'd'
 * @example cCharOrHex(0x1f600, 128) -> '\\x1f600'
 * @example cCharOrHex(32, 127) -> '\\x20'
 */
export function cCharOrHex(codePoint: number, limit: 127 | 128): string {
  return codePoint > 32 && codePoint < limit ? String.fromCharCode(codePoint) : `\\x${codePoint.toString(16)}`;
}
