import { PyInt } from './py-int';
import type { PyValue } from './py-value';
import { pyTypeName } from './py-type-name';
import { PYTHON_ATTRIBUTE_NAMES } from './python-attribute-names';
import { PythonFormatError } from './python-format-error';

function supported(value: PyValue, name: string): PyValue | undefined {
  if (typeof value === 'number') {
    if (name === 'real') return value;
    if (name === 'imag') return 0;
  } else if (value instanceof PyInt) {
    if (name === 'real' || name === 'numerator') return value;
    if (name === 'imag') return new PyInt(0);
    if (name === 'denominator') return new PyInt(1);
  } else if (typeof value !== 'string') {
    if (name === 'real') return value;
    if (name === 'imag') return value.map(() => 0);
  }
  return undefined;
}

/**
 * Python's `getattr(value, name)` for the `{field.name}` syntax of `str.format`: `real` and
 * `imag` of ints, floats and arrays, `numerator` and `denominator` of ints.
 *
 * @example pyGetAttr(0.5, 'imag') -> 0
 * @example pyGetAttr(new PyInt(7), 'denominator') -> PyInt(1)
 * @throws PythonFormatError AttributeError "'float' object has no attribute 'x'" for a name
 *   the Python type lacks; NotImplementedError for one it has but whose value is a method
 *   (its str holds a memory address) or a special attribute.
 */
export function pyGetAttr(value: PyValue, name: string): PyValue {
  const result = supported(value, name);
  if (result !== undefined) return result;
  const typeName = pyTypeName(value);
  if (PYTHON_ATTRIBUTE_NAMES[typeName].has(name)) {
    throw new PythonFormatError(
      'NotImplementedError',
      `'${typeName}' object attribute '${name}' exists in Python but cannot be formatted here; ` +
        'supported attributes are real, imag, numerator and denominator',
    );
  }
  throw new PythonFormatError('AttributeError', `'${typeName}' object has no attribute '${name}'`);
}
