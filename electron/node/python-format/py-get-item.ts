import { PyInt } from './py-int';
import type { PyValue } from './py-value';
import { pyTypeName } from './py-type-name';
import { PythonFormatError } from './python-format-error';

function hasSurrogates(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdfff) return true;
  }
  return false;
}

/**
 * Python's `value[key]` for the `{field[key]}` syntax of `str.format`: `index` is the key as
 * a non-negative integer when it is all decimal digits (str.format passes those as ints),
 * else null (a str key, which no supported type accepts).
 * Indexing a str gives its code point at `index`; indexing an array gives an element (a float).
 *
 * @example pyGetItem('abc', 1n) -> 'b'
 * @example pyGetItem([0.5, 0.25], 0n) -> 0.5
 * @throws PythonFormatError TypeError "'float' object is not subscriptable" for ints and floats,
 *   and the TypeError or IndexError a str or numpy array raises for a bad key.
 */
export function pyGetItem(value: PyValue, index: bigint | null): PyValue {
  if (typeof value === 'number' || value instanceof PyInt) {
    throw new PythonFormatError('TypeError', `'${pyTypeName(value)}' object is not subscriptable`);
  }
  if (typeof value === 'string') {
    if (index === null) throw new PythonFormatError('TypeError', "string indices must be integers, not 'str'");
    const chars = hasSurrogates(value) ? Array.from(value) : null;
    const length = chars === null ? value.length : chars.length;
    if (index >= BigInt(length)) throw new PythonFormatError('IndexError', 'string index out of range');
    return chars === null ? value[Number(index)] : chars[Number(index)];
  }
  if (index === null) {
    throw new PythonFormatError(
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices',
    );
  }
  if (index >= BigInt(value.length)) {
    throw new PythonFormatError('IndexError', `index ${index} is out of bounds for axis 0 with size ${value.length}`);
  }
  return value[Number(index)];
}
