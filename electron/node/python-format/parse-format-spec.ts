import { cCharOrHex } from './c-char-or-hex';
import { decimalDigitValue } from './decimal-digit-value';
import { PythonFormatError } from './python-format-error';

/** A parsed format spec, `[[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type]`. */
export interface FormatSpec {
  /** The fill character (one code point). */
  fill: string;
  /** Alignment: the one given, or the type's default. */
  align: '<' | '>' | '^' | '=';
  /** Sign option, `''` when none was given. */
  sign: '' | '+' | '-' | ' ';
  /** The `z` option: coerce negative zero to positive zero. */
  noNegativeZero: boolean;
  /** The `#` alternate form. */
  alternate: boolean;
  /** Minimum width, -1 when none was given. */
  width: number;
  /** Thousands separator, `''` when none was given. */
  groupSeparator: '' | ',' | '_';
  /** Digits per group: 3, or 4 for `_` with `b`, `o`, `x`, `X`; 0 without a separator. */
  groupSize: 0 | 3 | 4;
  /** Precision, -1 when none was given. */
  precision: number;
  /** The presentation type (one code point), or the default type when none was given. */
  type: string;
}

/** Types that take a thousands separator every three digits (PEP 378); `''` is the float default. */
const THREE_DIGIT_GROUP_TYPES: ReadonlySet<string> = new Set(['d', 'e', 'f', 'g', 'E', 'G', '%', 'F', '']);
/** Types that take `_` every four digits (PEP 515). */
const FOUR_DIGIT_GROUP_TYPES: ReadonlySet<string> = new Set(['b', 'o', 'x', 'X']);

/** `PY_SSIZE_T_MAX` on 64-bit CPython. */
const SSIZE_T_MAX = 9223372036854775807n;

function valueError(message: string): PythonFormatError {
  return new PythonFormatError('ValueError', message);
}

/** Splits a string into code points; ASCII-only strings take the cheaper path. */
function codePoints(text: string): string[] {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return Array.from(text);
  }
  return text.split('');
}

/**
 * CPython's formatter `get_integer`: reads decimal digits from `pos`, returns the value and how
 * many digits it read. Raises the ValueError CPython raises when the number passes `PY_SSIZE_T_MAX`.
 * Values beyond 2 ** 53 come back rounded (no string that long can be built anyway).
 */
function readInteger(chars: readonly string[], pos: number): { value: number; consumed: number } {
  let value = 0;
  let big: bigint | null = null;
  let consumed = 0;
  for (; pos + consumed < chars.length; consumed += 1) {
    const digit = decimalDigitValue(chars[pos + consumed].codePointAt(0) as number);
    if (digit < 0) break;
    if (big === null && value < 1e14) {
      value = value * 10 + digit;
      continue;
    }
    big = (big ?? BigInt(value)) * 10n + BigInt(digit);
    if (big > SSIZE_T_MAX) throw valueError('Too many decimal digits in format string');
    value = Number(big);
  }
  return { value, consumed };
}

function isAlign(char: string | undefined): char is FormatSpec['align'] {
  return char === '<' || char === '>' || char === '^' || char === '=';
}

/**
 * CPython 3.11's `parse_internal_render_format_spec`: parses a non-empty format spec, raising
 * the same ValueErrors with the same messages, in the same order. Checks that depend on the
 * value's type (precision on ints, sign on strings, ...) are left to the formatters.
 *
 * @param spec The spec, e.g. `'>10.4f'`.
 * @param defaultType Type when the spec gives none: `''` for float, `'d'` for int, `'s'` for str.
 * @param defaultAlign Alignment when the spec gives none: `'>'` for numbers, `'<'` for str.
 * @param typeName The value's Python type name, for the "Invalid format specifier" message.
 * @example parseFormatSpec('*^+012,.3f', '', '>', 'float')
 *   -> { fill: '*', align: '^', sign: '+', width: 12, groupSeparator: ',', groupSize: 3, precision: 3, type: 'f', ... }
 * @example parseFormatSpec('.2ff', '', '>', 'float')
 *   -> throws ValueError "Invalid format specifier '.2ff' for object of type 'float'"
 */
export function parseFormatSpec(
  spec: string,
  defaultType: string,
  defaultAlign: '<' | '>',
  typeName: string,
): FormatSpec {
  const chars = codePoints(spec);
  const end = chars.length;
  let pos = 0;
  const result: FormatSpec = {
    fill: ' ',
    align: defaultAlign,
    sign: '',
    noNegativeZero: false,
    alternate: false,
    width: -1,
    groupSeparator: '',
    groupSize: 0,
    precision: -1,
    type: defaultType,
  };
  let alignSpecified = false;
  let fillSpecified = false;

  if (end - pos >= 2 && isAlign(chars[pos + 1])) {
    result.align = chars[pos + 1] as FormatSpec['align'];
    result.fill = chars[pos];
    fillSpecified = true;
    alignSpecified = true;
    pos += 2;
  } else if (end - pos >= 1 && isAlign(chars[pos])) {
    result.align = chars[pos] as FormatSpec['align'];
    alignSpecified = true;
    pos += 1;
  }
  const signChar = chars[pos];
  if (signChar === '+' || signChar === '-' || signChar === ' ') {
    result.sign = signChar;
    pos += 1;
  }
  if (chars[pos] === 'z') {
    result.noNegativeZero = true;
    pos += 1;
  }
  if (chars[pos] === '#') {
    result.alternate = true;
    pos += 1;
  }
  // '0' before the width means zero padding, unless a fill was given (Python 3.10+, bpo-27772:
  // it no longer changes the alignment of strings).
  if (!fillSpecified && chars[pos] === '0') {
    result.fill = '0';
    if (!alignSpecified && defaultAlign === '>') result.align = '=';
    pos += 1;
  }
  const width = readInteger(chars, pos);
  pos += width.consumed;
  if (width.consumed > 0) result.width = width.value;

  if (chars[pos] === ',') {
    result.groupSeparator = ',';
    pos += 1;
  }
  if (chars[pos] === '_') {
    if (result.groupSeparator !== '') throw valueError("Cannot specify both ',' and '_'.");
    result.groupSeparator = '_';
    pos += 1;
  }
  if (chars[pos] === ',' && result.groupSeparator === '_') throw valueError("Cannot specify both ',' and '_'.");

  if (chars[pos] === '.') {
    pos += 1;
    const precision = readInteger(chars, pos);
    if (precision.consumed === 0) throw valueError('Format specifier missing precision');
    pos += precision.consumed;
    result.precision = precision.value;
  }

  if (end - pos > 1) {
    throw valueError(`Invalid format specifier '${spec}' for object of type '${typeName}'`);
  }
  // A NUL type is C's end of string: CPython takes it for "no type", which only floats accept.
  if (end - pos === 1) result.type = chars[pos] === '\u0000' ? '' : chars[pos];

  if (result.groupSeparator !== '') {
    if (THREE_DIGIT_GROUP_TYPES.has(result.type)) {
      result.groupSize = 3;
    } else if (result.groupSeparator === '_' && FOUR_DIGIT_GROUP_TYPES.has(result.type)) {
      // PEP 515: underscores every four digits in bin/oct/hex (commas are not allowed there).
      result.groupSize = 4;
    } else {
      throw valueError(
        `Cannot specify '${result.groupSeparator}' with '${cCharOrHex(result.type.codePointAt(0) as number, 128)}'.`,
      );
    }
  }
  return result;
}
