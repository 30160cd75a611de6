import { describe, it, expect } from 'vitest';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyGetItem } from '../../../../electron/node/python-format/py-get-item';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';

describe('pyGetItem', () => {
  it.each([
    ['abc', 1n, 'b'],
    [[0.5, 0.25], 0n, 0.5],
    ['a😀b', 1n, '😀'],
    ['a😀b', 2n, 'b'],
  ] as [PyValue, bigint, PyValue][])('returns the item when %j is indexed with %s', (value, index, expected) => {
    expect(pyGetItem(value, index)).toEqual(expected);
  });

  it.each([
    [0.5, 0n, 'TypeError', "'float' object is not subscriptable"],
    [new PyInt(1), null, 'TypeError', "'int' object is not subscriptable"],
    ['abc', 3n, 'IndexError', 'string index out of range'],
    ['abc', null, 'TypeError', "string indices must be integers, not 'str'"],
    [[0.5, 0.25], 5n, 'IndexError', 'index 5 is out of bounds for axis 0 with size 2'],
    [
      [0.5],
      null,
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices',
    ],
  ] as [PyValue, bigint | null, string, string][])(
    "raises Python's error when %j is indexed with %s",
    (value, index, pyType, message) => {
      expect(() => pyGetItem(value, index)).toThrow(new PythonFormatError(pyType as 'TypeError', message));
    },
  );
});
