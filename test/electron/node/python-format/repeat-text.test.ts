import { describe, it, expect } from 'vitest';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';
import { repeatText } from '../../../../electron/node/python-format/repeat-text';

describe('repeatText', () => {
  it.each([
    ['*', 3, '***'],
    ['😀', 2, '😀😀'],
    ['0', 0, ''],
    ['0', -2, ''],
  ])('repeats %j when the count is %s', (text, count, expected) => {
    expect(repeatText(text, count)).toBe(expected);
  });

  it('raises MemoryError with an empty message when the result cannot be a JS string', () => {
    expect(() => repeatText(' ', 10 ** 12)).toThrow(new PythonFormatError('MemoryError', ''));
  });
});
