import { describe, it, expect } from 'vitest';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyTypeName } from '../../../../electron/node/python-format/py-type-name';

describe('pyTypeName', () => {
  it.each([
    [0.5, 'float'],
    [3, 'float'],
    [new PyInt(1), 'int'],
    ['a', 'str'],
    [[0.5], 'numpy.ndarray'],
  ] as [PyValue, string][])('returns the Python type name when the value is %j', (value, expected) => {
    expect(pyTypeName(value)).toBe(expected);
  });
});
