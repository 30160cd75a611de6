import { formatFloatShort } from './format-float-short';
import { PyInt } from './py-int';
import type { PyValue } from './py-value';

/** Python's `str.isprintable()` is false for these categories (space aside, handled as ASCII). */
const NOT_PRINTABLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).padStart(digits, '0');
}

function strRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const codePoint = char.codePointAt(0) as number;
    if (char === quote || char === '\\') out += '\\' + char;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (codePoint < 0x20 || codePoint === 0x7f) out += '\\x' + hex(codePoint, 2);
    else if (codePoint < 0x7f || !NOT_PRINTABLE.test(char)) out += char;
    else if (codePoint <= 0xff) out += '\\x' + hex(codePoint, 2);
    else if (codePoint <= 0xffff) out += '\\u' + hex(codePoint, 4);
    else out += '\\U' + hex(codePoint, 8);
  }
  return out + quote;
}

/**
 * Python's `repr()`: floats in shortest round-trip form, ints in decimal, strs quoted and
 * escaped the way CPython does, and a non-scalar metric like a list of floats.
 *
 * @example pyRepr(3) -> '3.0'
 * @example pyRepr(1e-5) -> '1e-05'
 * @example pyRepr(0.1 + 0.2) -> '0.30000000000000004'
 * @example pyRepr(new PyInt(3)) -> '3'
 * @example pyRepr("it's") -> '"it\'s"'
 * @example pyRepr([0.5, 0.25]) -> '[0.5, 0.25]'
 */
export function pyRepr(value: PyValue): string {
  if (typeof value === 'number') return formatFloatShort(value, 'r', 0, { addDot0: true });
  if (typeof value === 'string') return strRepr(value);
  if (value instanceof PyInt) return value.toBigInt().toString();
  return `[${value.map((item) => formatFloatShort(item, 'r', 0, { addDot0: true })).join(', ')}]`;
}
