import { dtoa } from './dtoa';
import { repeatText } from './repeat-text';

/** Options of `formatFloatShort`, CPython's `Py_DTSF_*` flags. */
export interface FloatShortFlags {
  /** `Py_DTSF_ADD_DOT_0`: write `1.0`, not `1`, for an integral value (repr and the empty type). Defaults to false. */
  addDot0?: boolean;
  /** `Py_DTSF_ALT`: the `#` alternate form (keep the decimal point, keep `g`'s trailing zeros). Defaults to false. */
  alternate?: boolean;
  /** `Py_DTSF_NO_NEG_0`: the `z` option, drop the sign of a result that rounds to zero. Defaults to false. */
  noNegativeZero?: boolean;
  /** Write `E`, `INF`, `NAN` instead of `e`, `inf`, `nan` (the `E`, `F`, `G` types). Defaults to false. */
  upper?: boolean;
}

/**
 * CPython's `PyOS_double_to_string` (the `format_float_short` core): a double as text in one
 * of the format codes `e`, `f`, `g` (lower case; see `flags.upper`) or `r` (repr, shortest
 * round-trip digits, exponent form when the decimal point position is <= -4 or > 16).
 * Only a minus sign is ever written.
 *
 * @example formatFloatShort(0.125, 'f', 2) -> '0.12'
 * @example formatFloatShort(1e-5, 'r', 0, { addDot0: true }) -> '1e-05'
 * @example formatFloatShort(123456789, 'r', 0, { addDot0: true }) -> '123456789.0'
 * @example formatFloatShort(1234.5, 'g', 3, { addDot0: true }) -> '1.23e+03'
 * @example formatFloatShort(Infinity, 'e', 6, { upper: true }) -> 'INF'
 */
export function formatFloatShort(
  value: number,
  code: 'e' | 'f' | 'g' | 'r',
  precision: number,
  flags: FloatShortFlags = {},
): string {
  const upper = flags.upper === true;
  if (Number.isNaN(value)) return upper ? 'NAN' : 'nan'; // the sign of a nan is ignored
  if (!Number.isFinite(value)) return (value < 0 ? '-' : '') + (upper ? 'INF' : 'inf');

  const addDot0 = flags.addDot0 === true;
  const alternate = flags.alternate === true;
  let mode: 0 | 2 | 3;
  let ndigits = precision;
  switch (code) {
    case 'e':
      mode = 2;
      ndigits += 1;
      break;
    case 'f':
      mode = 3;
      break;
    case 'g':
      mode = 2;
      if (ndigits === 0) ndigits = 1; // precision 0 makes no sense for 'g'
      break;
    default:
      mode = 0;
      break;
  }
  const result = dtoa(value, mode, ndigits);
  const { digits, negative } = result;
  let decpt = result.decpt;
  const digitsLength = digits.length;
  const sign = negative && !(flags.noNegativeZero === true && (digitsLength === 0 || digits === '0'));

  // Output the slice vdigits[vdigitsStart:vdigitsEnd] of the digits padded with zeros on both sides.
  let vdigitsEnd = digitsLength;
  let useExp = false;
  switch (code) {
    case 'e':
      useExp = true;
      vdigitsEnd = ndigits;
      break;
    case 'f':
      vdigitsEnd = decpt + ndigits;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (addDot0 ? ndigits - 1 : ndigits)) useExp = true;
      if (alternate) vdigitsEnd = ndigits;
      break;
    default:
      // repr switches to exponent form at 1e16 (CPython bpo-1580 chose 16, not 17).
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vdigitsStart = decpt <= 0 ? decpt - 1 : 0;
  vdigitsEnd = Math.max(vdigitsEnd, !useExp && addDot0 ? decpt + 1 : decpt);

  let out = sign ? '-' : '';
  if (decpt <= 0) out += repeatText('0', decpt - vdigitsStart) + '.' + repeatText('0', -decpt);
  else out += repeatText('0', -vdigitsStart);
  if (decpt > 0 && decpt <= digitsLength) out += digits.slice(0, decpt) + '.' + digits.slice(decpt);
  else out += digits;
  if (digitsLength < decpt) out += repeatText('0', decpt - digitsLength) + '.' + repeatText('0', vdigitsEnd - decpt);
  else out += repeatText('0', vdigitsEnd - digitsLength);
  if (!alternate && out.charCodeAt(out.length - 1) === 46) out = out.slice(0, -1);
  if (useExp) {
    const magnitude = Math.abs(exp);
    out += (upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (magnitude < 10 ? '0' : '') + magnitude;
  }
  return out;
}
