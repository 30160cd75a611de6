import { describe, it, expect } from 'vitest';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { pyRepr } from '../../../../electron/node/python-format/py-repr';

// Expected strings were produced by CPython 3.11's repr().
const STR_CASES: [string, string][] = [
  ['abc', "'abc'"],
  ["it's", '"it\'s"'],
  ['say "hi"', '\'say "hi"\''],
  ['both \' and "', "'both \\' and \"'"],
  ['back\\slash', "'back\\\\slash'"],
  ['tab\there', "'tab\\there'"],
  ['new\nline', "'new\\nline'"],
  ['cr\r', "'cr\\r'"],
  ['\u0000\u001f\u{7f}', "'\\x00\\x1f\\x7f'"],
  ['café', "'café'"],
  ['\u{a0}nbsp', "'\\xa0nbsp'"],
  ['\u{ad}', "'\\xad'"],
  ['\u{200b}', "'\\u200b'"],
  ['\u{2028}', "'\\u2028'"],
  ['中文', "'中文'"],
  ['😀', "'😀'"],
  ['\u{d800}', "'\\ud800'"],
  ['\u{e0001}', "'\\U000e0001'"],
  ['\u{85}', "'\\x85'"],
  ['\u{378}', "'\\u0378'"],
  ['', "''"],
];

describe('pyRepr', () => {
  it.each([
    [3, '3.0'],
    [1e-5, '1e-05'],
    [0.1 + 0.2, '0.30000000000000004'],
    [new PyInt(3), '3'],
    ["it's", '"it\'s"'],
    [[0.5, 0.25], '[0.5, 0.25]'],
  ] as [PyValue, string][])('returns its documented example when the value is %j', (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });

  it.each(STR_CASES)('quotes and escapes as CPython does when the str is %j', (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });

  it.each([
    [1e16, '1e+16'],
    [1e22, '1e+22'],
    [123456789, '123456789.0'],
    [-0, '-0.0'],
    [NaN, 'nan'],
    [-Infinity, '-inf'],
    [5e-324, '5e-324'],
    [new PyInt(-(10n ** 30n)), '-1000000000000000000000000000000'],
  ] as [PyValue, string][])("writes CPython's repr when the number is %s", (value, expected) => {
    expect(pyRepr(value)).toBe(expected);
  });
});
