import { describe, it, expect } from 'vitest';
import { parseFormatSpec } from '../../../../electron/node/python-format/parse-format-spec';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';
import { renderInt } from '../../../../electron/node/python-format/render-int';

describe('renderInt', () => {
  it.each([
    [255n, '#X', '0XFF'],
    [123456789n, '_x', '75b_cd15'],
    [65n, '^5c', '  A  '],
    [-5n, '#010b', '-0b0000101'],
    [1234n, 'n', '1234'],
  ])('matches CPython when %s is rendered with %j', (value, spec, expected) => {
    expect(renderInt(value, parseFormatSpec(spec, 'd', '>', 'int'))).toBe(expected);
  });

  it.each([
    [5n, '.2', 'ValueError', 'Precision not allowed in integer format specifier'],
    [-1n, 'c', 'OverflowError', '%c arg not in range(0x110000)'],
    [2n ** 63n, 'c', 'OverflowError', 'Python int too large to convert to C long'],
  ] as const)('raises what CPython raises when %s is rendered with %j', (value, spec, pyType, message) => {
    expect(() => renderInt(value, parseFormatSpec(spec, 'd', '>', 'int'))).toThrow(
      new PythonFormatError(pyType, message),
    );
  });
});
