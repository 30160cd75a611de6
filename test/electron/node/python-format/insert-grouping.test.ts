import { describe, it, expect } from 'vitest';
import { insertGrouping } from '../../../../electron/node/python-format/insert-grouping';

describe('insertGrouping', () => {
  it.each([
    ['1234567', 0, 3, ',', '1,234,567'],
    ['1234', 10, 3, ',', '00,001,234'],
    ['1234', 9, 3, ',', '0,001,234'],
    ['42', 5, 0, '', '00042'],
  ] as const)(
    'returns its documented example when grouping %j to width %s',
    (digits, minWidth, size, separator, expected) => {
      expect(insertGrouping(digits, minWidth, size, separator)).toBe(expected);
    },
  );

  it.each([
    ['ffffffff', 0, 4, '_', 'ffff_ffff'],
    ['123', 0, 3, ',', '123'],
    ['1', -3, 3, ',', '1'],
    ['7', 6, 4, '_', '0_0007'],
  ] as const)(
    'groups %j from the right when the minimum width is %s and groups have %s digits',
    (digits, minWidth, size, separator, expected) => {
      expect(insertGrouping(digits, minWidth, size, separator)).toBe(expected);
    },
  );
});
