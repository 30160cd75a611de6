import { describe, it, expect } from 'vitest';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyStr } from '../../../../electron/node/python-format/py-str';

describe('pyStr', () => {
  it.each([
    [3, '3.0'],
    ['val_loss', 'val_loss'],
    ["it's\n", "it's\n"],
    [new PyInt(42), '42'],
    [1e-7, '1e-07'],
    [[1, 2.5], '[1.0, 2.5]'],
  ] as [PyValue, string][])("returns Python's str() when the value is %j", (value, expected) => {
    expect(pyStr(value)).toBe(expected);
  });
});
