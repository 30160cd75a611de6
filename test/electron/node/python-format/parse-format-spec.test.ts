import { describe, it, expect } from 'vitest';
import { parseFormatSpec } from '../../../../electron/node/python-format/parse-format-spec';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';

describe('parseFormatSpec', () => {
  it('returns every field of its documented example when the spec uses all of them', () => {
    expect(parseFormatSpec('*^+012,.3f', '', '>', 'float')).toEqual({
      fill: '*',
      align: '^',
      sign: '+',
      noNegativeZero: false,
      alternate: false,
      width: 12,
      groupSeparator: ',',
      groupSize: 3,
      precision: 3,
      type: 'f',
    });
  });

  it('raises the ValueError of its documented example when a type is followed by more text', () => {
    expect(() => parseFormatSpec('.2ff', '', '>', 'float')).toThrow(
      new PythonFormatError('ValueError', "Invalid format specifier '.2ff' for object of type 'float'"),
    );
  });

  it.each([
    ['05', '>', { fill: '0', align: '=', width: 5 }],
    ['05', '<', { fill: '0', align: '<', width: 5 }],
    ['<05', '>', { fill: '0', align: '<', width: 5 }],
    ['x<05', '>', { fill: 'x', align: '<', width: 5 }],
    ['😀^7', '<', { fill: '😀', align: '^', width: 7 }],
    ['١٠', '>', { fill: ' ', align: '>', width: 10 }],
  ] as const)(
    'reads fill, alignment and width from %j when the default alignment is %s',
    (spec, defaultAlign, expected) => {
      expect(parseFormatSpec(spec, 's', defaultAlign, 'str')).toMatchObject(expected);
    },
  );

  it.each([
    ['_x', 4],
    ['_b', 4],
    ['_d', 3],
    [',', 3],
    ['x', 0],
  ] as const)('sets the digits per group when the spec is %j', (spec, groupSize) => {
    expect(parseFormatSpec(spec, 'd', '>', 'int').groupSize).toBe(groupSize);
  });

  it.each([
    ['.', 'Format specifier missing precision'],
    [',_', "Cannot specify both ',' and '_'."],
    ['_,', "Cannot specify both ',' and '_'."],
    [',x', "Cannot specify ',' with 'x'."],
    ['9223372036854775808', 'Too many decimal digits in format string'],
  ])('raises ValueError when the spec is %j', (spec, message) => {
    expect(() => parseFormatSpec(spec, 'd', '>', 'int')).toThrow(new PythonFormatError('ValueError', message));
  });

  it('accepts the largest width CPython parses when it is PY_SSIZE_T_MAX', () => {
    expect(parseFormatSpec('9223372036854775807', 'd', '>', 'int').width).toBe(9223372036854775807);
  });
});
