import { cCharOrHex } from './c-char-or-hex';
import { parseFormatSpec } from './parse-format-spec';
import { PyInt } from './py-int';
import type { PyValue } from './py-value';
import { pyRepr } from './py-repr';
import { PythonFormatError } from './python-format-error';
import { renderFloat } from './render-float';
import { renderInt } from './render-int';
import { renderStr } from './render-str';

function unknownFormatCode(type: string, typeName: string): PythonFormatError {
  return new PythonFormatError(
    'ValueError',
    `Unknown format code '${cCharOrHex(type.codePointAt(0) ?? 0, 128)}' for object of type '${typeName}'`,
  );
}

function formatFloat(value: number, spec: string): string {
  if (spec === '') return pyRepr(value);
  const parsed = parseFormatSpec(spec, '', '>', 'float');
  switch (parsed.type) {
    case '':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      return renderFloat(value, parsed);
    default:
      throw unknownFormatCode(parsed.type, 'float');
  }
}

function formatInt(value: bigint, spec: string): string {
  if (spec === '') return value.toString();
  const parsed = parseFormatSpec(spec, 'd', '>', 'int');
  switch (parsed.type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      return renderInt(value, parsed);
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
      // float(int) rounds half to even, as Number(bigint) does; beyond the float range Python raises.
      const asFloat = Number(value);
      if (!Number.isFinite(asFloat)) throw new PythonFormatError('OverflowError', 'int too large to convert to float');
      return renderFloat(asFloat, parsed);
    }
    default:
      throw unknownFormatCode(parsed.type, 'int');
  }
}

function formatStr(value: string, spec: string): string {
  if (spec === '') return value;
  const parsed = parseFormatSpec(spec, 's', '<', 'str');
  if (parsed.type !== 's') throw unknownFormatCode(parsed.type, 'str');
  return renderStr(value, parsed);
}

/**
 * Python's `format(value, spec)` (CPython 3.11): the whole format-spec mini-language for
 * floats (`number`), ints (`PyInt`) and strs, with CPython's errors and messages. Floats are
 * rounded exactly, half to even, on the double's true decimal expansion.
 * A non-scalar metric (`number[]`) takes only the empty spec, as a numpy array does.
 *
 * @example formatValue(0.125, '.2f') -> '0.12'
 * @example formatValue(2.675, '.2f') -> '2.67'
 * @example formatValue(3, '') -> '3.0'
 * @example formatValue(new PyInt(7), '02d') -> '07'
 * @example formatValue(1234567.891, '_.2f') -> '1_234_567.89'
 * @example formatValue('ab', '*^6') -> '**ab**'
 * @example formatValue([0.5, 0.25], '') -> '[0.5, 0.25]'
 * @throws PythonFormatError with Python's exception type and message, e.g. ValueError
 *   "Unknown format code 'd' for object of type 'float'" for `formatValue(1.5, 'd')`.
 */
export function formatValue(value: PyValue, spec: string): string {
  if (typeof value === 'number') return formatFloat(value, spec);
  if (typeof value === 'string') return formatStr(value, spec);
  if (value instanceof PyInt) return formatInt(value.toBigInt(), spec);
  if (Array.isArray(value)) {
    if (spec === '') return pyRepr(value);
    throw new PythonFormatError('TypeError', 'unsupported format string passed to numpy.ndarray.__format__');
  }
  throw new TypeError(
    `formatValue cannot format ${typeof value} ${String(value)}: pass a number (float), PyInt, string or number[]`,
  );
}
