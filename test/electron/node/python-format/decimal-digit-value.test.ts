import { describe, it, expect } from 'vitest';
import { decimalDigitValue } from '../../../../electron/node/python-format/decimal-digit-value';

describe('decimalDigitValue', () => {
  it.each([
    ['7', 7],
    ['٣', 3],
    ['x', -1],
    ['0', 0],
    ['९', 9],
    ['𝟘', 0],
    ['𝟡', 9],
    ['𝟬', 0],
    ['½', -1],
    ['²', -1],
  ])('returns the digit value when the character is %j', (char, expected) => {
    expect(decimalDigitValue(char.codePointAt(0) as number)).toBe(expected);
  });
});
