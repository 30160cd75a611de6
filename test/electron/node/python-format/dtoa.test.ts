import { describe, it, expect } from 'vitest';
import { dtoa } from '../../../../electron/node/python-format/dtoa';

describe('dtoa', () => {
  it.each([
    [0.125, 3, 2, { digits: '12', decpt: 0, negative: false }],
    [-2.675, 3, 2, { digits: '267', decpt: 1, negative: true }],
    [0.001, 3, 1, { digits: '', decpt: -1, negative: false }],
    [1e22, 0, 0, { digits: '1', decpt: 23, negative: false }],
  ] as const)('returns its documented example when x is %s in mode %s with %s digits', (x, mode, ndigits, expected) => {
    expect(dtoa(x, mode, ndigits)).toEqual(expected);
  });

  it.each([
    // Ties on the exact binary value round to the even digit.
    [0.375, 3, 2, '38', 0],
    [2.5, 3, 0, '2', 1],
    [3.5, 3, 0, '4', 1],
    [0.5, 3, 0, '', 0],
    // Carries past a power of ten move the decimal point.
    [9.9996, 2, 3, '1', 2],
    [0.9995, 3, 3, '1', 1],
    // Exact expansion of 0.1, far past 17 digits, trailing zeros stripped.
    [0.1, 2, 60, '1000000000000000055511151231257827021181583404541015625', 0],
    // The smallest subnormal.
    [5e-324, 2, 3, '494', -323],
    [5e-324, 0, 0, '5', -323],
    [1.7976931348623157e308, 2, 1, '2', 309],
  ] as const)(
    'rounds %s exactly in mode %s to %s digits when it is a tie, a carry or an extreme',
    (x, mode, ndigits, digits, decpt) => {
      expect(dtoa(x, mode, ndigits)).toEqual({ digits, decpt, negative: false });
    },
  );

  it('reports zero as one digit at decpt 1 and keeps the sign of negative zero when x is -0', () => {
    expect(dtoa(-0, 3, 5)).toEqual({ digits: '0', decpt: 1, negative: true });
  });
});
