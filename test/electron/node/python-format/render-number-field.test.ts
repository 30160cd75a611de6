import { describe, it, expect } from 'vitest';
import { parseFormatSpec } from '../../../../electron/node/python-format/parse-format-spec';
import { renderNumberField, type NumberParts } from '../../../../electron/node/python-format/render-number-field';

const PARTS: NumberParts = {
  signChar: '-',
  prefix: '',
  digits: '1234',
  hasDecimal: true,
  remainder: '5',
  remainderLength: 1,
};

describe('renderNumberField', () => {
  it.each([
    ['012,', '-0,001,234.5'],
    ['*<10', '-1234.5***'],
    ['*>10', '***-1234.5'],
    ['*^10', '*-1234.5**'],
    ['*=10', '-***1234.5'],
    ['', '-1234.5'],
  ])('lays out -1234.5 as CPython does when the spec is %j', (spec, expected) => {
    expect(renderNumberField(PARTS, parseFormatSpec(spec, '', '>', 'float'), false)).toBe(expected);
  });

  it('upper-cases prefix and digits but not padding when toUpper is set', () => {
    const parts: NumberParts = {
      signChar: '',
      prefix: '0x',
      digits: 'ff',
      hasDecimal: false,
      remainder: '',
      remainderLength: 0,
    };
    expect(renderNumberField(parts, parseFormatSpec('x^8', 'd', '>', 'int'), true)).toBe('xx0XFFxx');
  });
});
