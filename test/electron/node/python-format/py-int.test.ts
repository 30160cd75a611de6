import { describe, it, expect } from 'vitest';
import { formatValue } from '../../../../electron/node/python-format/format-value';
import { PyInt } from '../../../../electron/node/python-format/py-int';

describe('PyInt', () => {
  it.each([
    [new PyInt(3), '02d', '03'],
    [new PyInt(10n ** 20n), ',', '100,000,000,000,000,000,000'],
  ])('formats as a Python int as documented when %s is formatted with %j', (value, spec, expected) => {
    expect(formatValue(value, spec)).toBe(expected);
  });

  it.each([
    [7, 7n],
    [-0, 0n],
    [2 ** 60, 1152921504606846976n],
    [-12n, -12n],
  ] as [number | bigint, bigint][])('converts %s to the bigint %s when asked', (value, expected) => {
    expect(new PyInt(value).toBigInt()).toBe(expected);
  });

  it.each([0.5, NaN, Infinity])('throws a RangeError saying what to pass instead when given %s', (value) => {
    expect(() => new PyInt(value)).toThrow(
      `PyInt needs an integer, got ${value}; pass a plain number instead to format it as a Python float`,
    );
  });
});
