import { describe, it, expect } from 'vitest';
import { formatFloatShort, type FloatShortFlags } from '../../../../electron/node/python-format/format-float-short';

describe('formatFloatShort', () => {
  it.each([
    [0.125, 'f', 2, {}, '0.12'],
    [1e-5, 'r', 0, { addDot0: true }, '1e-05'],
    [123456789, 'r', 0, { addDot0: true }, '123456789.0'],
    [1234.5, 'g', 3, { addDot0: true }, '1.23e+03'],
    [Infinity, 'e', 6, { upper: true }, 'INF'],
  ] as [number, 'e' | 'f' | 'g' | 'r', number, FloatShortFlags, string][])(
    'returns its documented example when %s is written as %s with precision %s and flags %j',
    (value, code, precision, flags, expected) => {
      expect(formatFloatShort(value, code, precision, flags)).toBe(expected);
    },
  );

  it.each([
    [1e16, 'r', 0, { addDot0: true }, '1e+16'],
    [9999999999999998, 'r', 0, { addDot0: true }, '9999999999999998.0'],
    [0.0001, 'r', 0, { addDot0: true }, '0.0001'],
    [-NaN, 'f', 2, {}, 'nan'],
    [-Infinity, 'f', 2, {}, '-inf'],
    [-0.0001, 'f', 2, { noNegativeZero: true }, '0.00'],
    [1, 'e', 0, { alternate: true }, '1.e+00'],
    [100, 'g', 2, { alternate: true }, '1.0e+02'],
    [1e-300, 'e', 2, { upper: true }, '1.00E-300'],
  ] as [number, 'e' | 'f' | 'g' | 'r', number, FloatShortFlags, string][])(
    'writes %s as CPython does when the code is %s, precision %s and flags %j',
    (value, code, precision, flags, expected) => {
      expect(formatFloatShort(value, code, precision, flags)).toBe(expected);
    },
  );
});
