/** Decimal digits of a finite double, as David Gay's `_Py_dg_dtoa` returns them. */
export interface DtoaResult {
  /** Significant digits without leading or trailing zeros; `'0'` for zero; `''` when mode 3 rounds to zero. */
  digits: string;
  /** Position of the decimal point: the value is `0.<digits> * 10 ** decpt`. */
  decpt: number;
  /** The sign bit (true for `-0`). */
  negative: boolean;
}

const view = new DataView(new ArrayBuffer(8));
const powersOf5: bigint[] = [1n];
const powersOf10: bigint[] = [1n];

/** Every double has at most 767 significant decimal digits, so more than this are exact. */
const MAX_SIGNIFICANT_DIGITS = 800;

function pow5(n: number): bigint {
  while (powersOf5.length <= n) powersOf5.push(powersOf5[powersOf5.length - 1] * 5n);
  return powersOf5[n];
}

function pow10(n: number): bigint {
  if (n > 1200) return 10n ** BigInt(n);
  while (powersOf10.length <= n) powersOf10.push(powersOf10[powersOf10.length - 1] * 10n);
  return powersOf10[n];
}

/** Splits a positive finite double into an odd integer mantissa and a binary exponent: `x = m * 2 ** e`. */
function decompose(x: number): { m: number; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (hi & 0xfffff) * 4294967296 + lo;
  let e: number;
  if (biased === 0) {
    e = -1074;
  } else {
    m += 4503599627370496; // the implicit leading bit, 2 ** 52
    e = biased - 1075;
  }
  // Dropping trailing zero bits keeps the BigInt operands small.
  while (m % 2 === 0) {
    m /= 2;
    e += 1;
  }
  return { m, e };
}

function stripTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48) end -= 1;
  return digits.slice(0, end);
}

/** Rounds `num / den` to an integer, ties to even (dtoa's default rounding). */
function roundHalfEven(num: bigint, den: bigint): bigint {
  const q = num / den;
  const twice = (num - q * den) * 2n;
  return twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
}

function shortest(x: number): { digits: string; decpt: number } {
  // V8's toExponential() without an argument gives the shortest digits that round-trip and,
  // among those, the closest to x: the same digits as Gay's mode 0 (Python's repr).
  const text = x.toExponential();
  const ePos = text.indexOf('e');
  const mantissa = text.slice(0, ePos);
  const digits = mantissa.length > 1 ? mantissa[0] + mantissa.slice(2) : mantissa;
  return { digits, decpt: Number(text.slice(ePos + 1)) + 1 };
}

function fixed(x: number, ndigits: number): { digits: string; decpt: number } {
  const { m, e } = decompose(x);
  if (e >= 0) {
    const text = (BigInt(m) << BigInt(e)).toString();
    return { digits: stripTrailingZeros(text), decpt: text.length };
  }
  const fractionBits = -e;
  if (ndigits >= fractionBits) {
    // m / 2**s == m * 5**s / 10**s exactly, with s fraction digits: no rounding.
    const text = (BigInt(m) * pow5(fractionBits)).toString();
    return { digits: stripTrailingZeros(text), decpt: text.length - fractionBits };
  }
  const q = roundHalfEven(BigInt(m) * pow10(ndigits), 1n << BigInt(fractionBits));
  if (q === 0n) return { digits: '', decpt: 0 - ndigits }; // 0 - 0 is 0, not -0
  const text = q.toString();
  return { digits: stripTrailingZeros(text), decpt: text.length - ndigits };
}

function significant(x: number, ndigits: number): { digits: string; decpt: number } {
  const n = Math.min(ndigits, MAX_SIGNIFICANT_DIGITS);
  const { m, e } = decompose(x);
  const mBig = BigInt(m);
  // k = floor(log10(x)); the float estimate can be off by one near powers of ten.
  let k = Math.floor(Math.log10(x));
  for (;;) {
    const shift = n - 1 - k; // scale x by 10 ** shift so n digits sit left of the point
    let num = e >= 0 ? mBig << BigInt(e) : mBig;
    let den = e >= 0 ? 1n : 1n << BigInt(-e);
    if (shift >= 0) num *= pow10(shift);
    else den *= pow10(-shift);
    const length = (num / den).toString().length;
    if (num < den || length < n) {
      k -= 1;
      continue;
    }
    if (length > n) {
      k += 1;
      continue;
    }
    let text = roundHalfEven(num, den).toString();
    if (text.length > n) {
      // 9.99... rounded up to 10.0...
      k += 1;
      text = text.slice(0, n);
    }
    return { digits: stripTrailingZeros(text), decpt: k + 1 };
  }
}

/**
 * The digits of a finite double as `_Py_dg_dtoa(x, mode, ndigits)` gives them to CPython's
 * float formatting, computed exactly (a double is `m * 2 ** e`) and rounded half to even:
 * - mode 0: the shortest digits that round-trip (`repr`); `ndigits` is ignored.
 * - mode 2: `max(1, ndigits)` significant digits (`e` and `g` formats).
 * - mode 3: `ndigits` digits after the decimal point (`f` format).
 *
 * @example dtoa(0.125, 3, 2) -> { digits: '12', decpt: 0, negative: false }
 * @example dtoa(-2.675, 3, 2) -> { digits: '267', decpt: 1, negative: true }
 * @example dtoa(0.001, 3, 1) -> { digits: '', decpt: -1, negative: false }
 * @example dtoa(1e22, 0, 0) -> { digits: '1', decpt: 23, negative: false }
 */
export function dtoa(x: number, mode: 0 | 2 | 3, ndigits: number): DtoaResult {
  const negative = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  if (abs === 0) return { digits: '0', decpt: 1, negative };
  const result = mode === 0 ? shortest(abs) : mode === 3 ? fixed(abs, ndigits) : significant(abs, Math.max(1, ndigits));
  return { digits: result.digits, decpt: result.decpt, negative };
}
