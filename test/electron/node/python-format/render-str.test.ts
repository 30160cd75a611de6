import { describe, it, expect } from 'vitest';
import { parseFormatSpec } from '../../../../electron/node/python-format/parse-format-spec';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';
import { renderStr } from '../../../../electron/node/python-format/render-str';

describe('renderStr', () => {
  it.each([
    ['abc', '*^7', '**abc**'],
    ['abcdef', '.2', 'ab'],
    ['😀😀', '^4', ' 😀😀 '],
    ['a😀b', '.2', 'a😀'],
  ])('matches CPython when %j is rendered with %j', (value, spec, expected) => {
    expect(renderStr(value, parseFormatSpec(spec, 's', '<', 'str'))).toBe(expected);
  });

  it.each([
    ['+', 'Sign not allowed in string format specifier'],
    [' ', 'Space not allowed in string format specifier'],
    ['z', 'Negative zero coercion (z) not allowed in string format specifier'],
    ['#', 'Alternate form (#) not allowed in string format specifier'],
    ['=', "'=' alignment not allowed in string format specifier"],
  ])('raises ValueError when the spec is %j', (spec, message) => {
    expect(() => renderStr('a', parseFormatSpec(spec, 's', '<', 'str'))).toThrow(
      new PythonFormatError('ValueError', message),
    );
  });
});
