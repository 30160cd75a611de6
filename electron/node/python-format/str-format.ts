import { cCharOrHex } from './c-char-or-hex';
import { decimalDigitValue } from './decimal-digit-value';
import { formatValue } from './format-value';
import { pyAscii } from './py-ascii';
import { pyGetAttr } from './py-get-attr';
import { pyGetItem } from './py-get-item';
import type { PyValue } from './py-value';
import { pyRepr } from './py-repr';
import { pyStr } from './py-str';
import { PythonFormatError } from './python-format-error';

/** `PY_SSIZE_T_MAX` on 64-bit CPython. */
const SSIZE_T_MAX = 9223372036854775807n;

/** `str.format` expands nested replacement fields in a spec one level deep. */
const MAX_RECURSION = 2;

function valueError(message: string): PythonFormatError {
  return new PythonFormatError('ValueError', message);
}

/**
 * unicode_format.h's `get_integer`: the field name part as an int when it is all decimal
 * digits, else null. Raises on overflow as soon as the digits read so far pass PY_SSIZE_T_MAX,
 * even when a non-digit follows (so `{99999999999999999999x}` is a ValueError, not a KeyError).
 */
function fieldInteger(text: string): bigint | null {
  if (text === '') return null;
  let value = 0n;
  for (const char of text) {
    const digit = decimalDigitValue(char.codePointAt(0) as number);
    if (digit < 0) return null;
    value = value * 10n + BigInt(digit);
    if (value > SSIZE_T_MAX) throw valueError('Too many decimal digits in format string');
  }
  return value;
}

function convert(value: PyValue, conversion: number): PyValue {
  switch (conversion) {
    case 0x72: // r
      return pyRepr(value);
    case 0x73: // s
      return pyStr(value);
    case 0x61: // a
      return pyAscii(value);
    default:
      throw valueError(`Unknown conversion specifier ${cCharOrHex(conversion, 127)}`);
  }
}

/** unicode_format.h's `get_field_object`: looks the field up, then walks its `.attr` and `[key]` parts. */
function fieldObject(template: string, start: number, end: number, kwargs: Record<string, PyValue>): PyValue {
  let pos = start;
  while (pos < end) {
    const char = template.charCodeAt(pos);
    if (char === 0x2e || char === 0x5b) break; // '.' or '['
    pos += 1;
  }
  const first = template.slice(start, pos);
  const index = fieldInteger(first);
  if (first === '' || index !== null) {
    // An empty name is auto-numbered from 0; with no positional arguments any index is out of range.
    throw new PythonFormatError(
      'IndexError',
      `Replacement index ${index ?? 0n} out of range for positional args tuple`,
    );
  }
  if (!Object.hasOwn(kwargs, first)) throw new PythonFormatError('KeyError', pyRepr(first), first);
  let value = kwargs[first];

  // The rest is parsed lazily, one part at a time, so a lookup error wins over a later syntax error.
  while (pos < end) {
    const char = template.charCodeAt(pos);
    pos += 1;
    let name: string;
    if (char === 0x2e) {
      const nameStart = pos;
      while (pos < end) {
        const c = template.charCodeAt(pos);
        if (c === 0x2e || c === 0x5b) break;
        pos += 1;
      }
      name = template.slice(nameStart, pos);
      if (name === '') throw valueError('Empty attribute in format string');
      value = pyGetAttr(value, name);
    } else if (char === 0x5b) {
      const nameStart = pos;
      while (pos < end && template.charCodeAt(pos) !== 0x5d) pos += 1;
      if (pos >= end) throw valueError("Missing ']' in format string");
      name = template.slice(nameStart, pos);
      pos += 1;
      const itemIndex = fieldInteger(name);
      if (name === '') throw valueError('Empty attribute in format string');
      value = pyGetItem(value, itemIndex);
    } else {
      throw valueError("Only '.' or '[' may follow ']' in format field specifier");
    }
  }
  return value;
}

/** unicode_format.h's `build_string` + `MarkupIterator_next` + `parse_field` + `output_markup`. */
function buildString(
  template: string,
  start: number,
  end: number,
  kwargs: Record<string, PyValue>,
  depth: number,
): string {
  if (depth <= 0) throw valueError('Max string recursion exceeded');
  let out = '';
  let pos = start;
  while (pos < end) {
    // Literal text up to the first '{' or '}'.
    const literalStart = pos;
    let c = 0;
    let markup = false;
    while (pos < end) {
      c = template.charCodeAt(pos);
      pos += 1;
      if (c === 0x7b || c === 0x7d) {
        markup = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let literalEnd = pos;
    if (c === 0x7d && (atEnd || template.charCodeAt(pos) !== 0x7d)) {
      throw valueError("Single '}' encountered in format string");
    }
    if (atEnd && c === 0x7b) throw valueError("Single '{' encountered in format string");
    if (!atEnd) {
      if (template.charCodeAt(pos) === c) {
        pos += 1; // '{{' or '}}': keep one brace as literal text
        markup = false;
      } else {
        literalEnd -= 1;
      }
    }
    out += template.slice(literalStart, literalEnd);
    if (!markup) continue;

    // The field name ends at '}', ':' or '!'; brackets may hold any of these.
    const nameStart = pos;
    let delimiter = 0;
    while (pos < end) {
      c = template.charCodeAt(pos);
      pos += 1;
      if (c === 0x7b) throw valueError("unexpected '{' in field name");
      if (c === 0x5b) {
        while (pos < end && template.charCodeAt(pos) !== 0x5d) pos += 1;
        continue;
      }
      if (c === 0x7d || c === 0x3a || c === 0x21) {
        delimiter = c;
        break;
      }
    }
    const nameEnd = pos - 1;
    let conversion = 0;
    let specStart = pos;
    let specEnd = pos;
    let specNeedsExpanding = false;
    if (delimiter === 0x21 || delimiter === 0x3a) {
      let specFollows = true;
      if (delimiter === 0x21) {
        if (pos >= end) throw valueError('end of string while looking for conversion specifier');
        conversion = template.codePointAt(pos) as number;
        pos += conversion > 0xffff ? 2 : 1;
        if (pos < end) {
          c = template.charCodeAt(pos);
          pos += 1;
          if (c === 0x7d) specFollows = false;
          else if (c !== 0x3a) throw valueError("expected ':' after conversion specifier");
        }
      }
      if (specFollows) {
        specStart = pos;
        let count = 1;
        let closed = false;
        while (pos < end) {
          c = template.charCodeAt(pos);
          pos += 1;
          if (c === 0x7b) {
            specNeedsExpanding = true;
            count += 1;
          } else if (c === 0x7d) {
            count -= 1;
            if (count === 0) {
              closed = true;
              break;
            }
          }
        }
        if (!closed) throw valueError("unmatched '{' in format spec");
        specEnd = pos - 1;
      } else {
        specStart = pos;
        specEnd = pos;
      }
    } else if (delimiter !== 0x7d) {
      throw valueError("expected '}' before end of string");
    }

    let value = fieldObject(template, nameStart, nameEnd, kwargs);
    if (conversion !== 0) value = convert(value, conversion);
    const spec = specNeedsExpanding
      ? buildString(template, specStart, specEnd, kwargs, depth - 1)
      : template.slice(specStart, specEnd);
    out += formatValue(value, spec);
  }
  return out;
}

/**
 * Python's `template.format(**kwargs)` (CPython 3.11): literal text with `{{` and `}}`
 * escapes, replacement fields `{name[.attr|[key]]...[!conversion][:spec]}` with nested fields
 * in the spec, evaluated left to right with CPython's errors and messages. Field names are
 * kwargs keys and may hold any character but `.[!:}` and `{`; there are no positional arguments,
 * so `{}` and `{0}` raise IndexError.
 *
 * @example pyFormat('epoch{epoch:02d}-{val_loss:.4f}', { epoch: new PyInt(3), val_loss: 0.123456 }) -> 'epoch03-0.1235'
 * @example pyFormat('{loss}', { loss: 3 }) -> '3.0'
 * @example pyFormat('{loss:.{p}f}', { loss: 0.5, p: new PyInt(3) }) -> '0.500'
 * @example pyFormat('{{literal}}', {}) -> '{literal}'
 * @throws PythonFormatError e.g. KeyError with message `'val_loss'` and `key` 'val_loss' when
 *   the key is missing; ValueError "Single '}' encountered in format string".
 */
export function pyFormat(template: string, kwargs: Record<string, PyValue>): string {
  return buildString(template, 0, template.length, kwargs, MAX_RECURSION);
}
