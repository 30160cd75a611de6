import { describe, it, expect } from 'vitest';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyGetAttr } from '../../../../electron/node/python-format/py-get-attr';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';

describe('pyGetAttr', () => {
  it.each([
    [0.5, 'imag', 0],
    [0.5, 'real', 0.5],
    [new PyInt(7), 'denominator', new PyInt(1)],
    [new PyInt(7), 'numerator', new PyInt(7)],
    [new PyInt(7), 'real', new PyInt(7)],
    [new PyInt(7), 'imag', new PyInt(0)],
    [[0.5, 0.25], 'real', [0.5, 0.25]],
    [[0.5, 0.25], 'imag', [0, 0]],
  ] as [PyValue, string, PyValue][])(
    'returns the attribute when %j has the supported attribute %j',
    (value, name, expected) => {
      expect(pyGetAttr(value, name)).toEqual(expected);
    },
  );

  it.each([
    [0.5, 'x', "'float' object has no attribute 'x'"],
    [0.5, 'numerator', "'float' object has no attribute 'numerator'"],
    [new PyInt(1), 'hexx', "'int' object has no attribute 'hexx'"],
    ['a', 'real', "'str' object has no attribute 'real'"],
    [[0.5], 'foo', "'numpy.ndarray' object has no attribute 'foo'"],
    [0.5, 'a b', "'float' object has no attribute 'a b'"],
  ] as [PyValue, string, string][])('raises AttributeError when %j has no attribute %j', (value, name, message) => {
    expect(() => pyGetAttr(value, name)).toThrow(new PythonFormatError('AttributeError', message));
  });

  it.each([
    [0.5, 'hex'],
    [0.5, '__class__'],
    [new PyInt(1), 'bit_length'],
    ['a', 'upper'],
    [[0.5], 'shape'],
  ] as [PyValue, string][])(
    'raises NotImplementedError when %j has the method or special attribute %j',
    (value, name) => {
      expect(() => pyGetAttr(value, name)).toThrow(/exists in Python but cannot be formatted here/);
    },
  );
});
