import { PyInt } from './py-int';
import type { PyValue } from './py-value';

/**
 * The Python type name of a value, as error messages print it.
 *
 * @example pyTypeName(0.5) -> 'float'
 * @example pyTypeName(new PyInt(1)) -> 'int'
 * @example pyTypeName('a') -> 'str'
 * @example pyTypeName([0.5]) -> 'numpy.ndarray'
 */
export function pyTypeName(value: PyValue): 'float' | 'int' | 'str' | 'numpy.ndarray' {
  if (typeof value === 'number') return 'float';
  if (typeof value === 'string') return 'str';
  if (value instanceof PyInt) return 'int';
  return 'numpy.ndarray';
}
