import { describe, it, expect } from 'vitest';
import { cCharOrHex } from '../../../../electron/node/python-format/c-char-or-hex';

describe('cCharOrHex', () => {
  it.each([
    [0x64, 128, 'd'],
    [0x1f600, 128, '\\x1f600'],
    [32, 127, '\\x20'],
    [0x7f, 128, '\x7f'],
    [0x7f, 127, '\\x7f'],
    [0, 128, '\\x0'],
  ] as const)('prints code point %s as %j when the limit is %s', (codePoint, limit, expected) => {
    expect(cCharOrHex(codePoint, limit)).toBe(expected);
  });
});
