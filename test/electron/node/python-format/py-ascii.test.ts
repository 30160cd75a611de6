import { describe, it, expect } from 'vitest';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyAscii } from '../../../../electron/node/python-format/py-ascii';

// Expected strings were produced by CPython 3.11's ascii().
describe('pyAscii', () => {
  it.each([
    ['héllo', "'h\\xe9llo'"],
    [0.5, '0.5'],
    ['中文', "'\\u4e2d\\u6587'"],
    ['😀', "'\\U0001f600'"],
    ['\u{a0}nbsp', "'\\xa0nbsp'"],
    ["it's", '"it\'s"'],
  ] as [PyValue, string][])('escapes non-ASCII code points when the value is %j', (value, expected) => {
    expect(pyAscii(value)).toBe(expected);
  });
});
