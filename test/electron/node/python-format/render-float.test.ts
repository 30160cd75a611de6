import { describe, it, expect } from 'vitest';
import { parseFormatSpec } from '../../../../electron/node/python-format/parse-format-spec';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';
import { renderFloat } from '../../../../electron/node/python-format/render-float';

describe('renderFloat', () => {
  it.each([
    [0.375, '.2f', '0.38'],
    [-0, 'z.1f', '0.0'],
    [1, '.3', '1.0'],
    [1234.5, 'n', '1234.5'],
    [-1234.5, '+012,.1f', '-0,001,234.5'],
    [0.5, '^9.1%', '  50.0%  '],
  ])('matches CPython when %s is rendered with %j', (value, spec, expected) => {
    expect(renderFloat(value, parseFormatSpec(spec, '', '>', 'float'))).toBe(expected);
  });

  it('raises ValueError when the precision does not fit a C int', () => {
    expect(() => renderFloat(1, parseFormatSpec('.2147483648f', '', '>', 'float'))).toThrow(
      new PythonFormatError('ValueError', 'precision too big'),
    );
  });
});
