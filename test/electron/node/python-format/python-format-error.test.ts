import { describe, it, expect } from 'vitest';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';

describe('PythonFormatError', () => {
  it('keeps the Python type, message and key when it is a KeyError', () => {
    const error = new PythonFormatError('KeyError', "'val_loss'", 'val_loss');
    expect([error.pyType, error.message, error.key, error.name]).toEqual([
      'KeyError',
      "'val_loss'",
      'val_loss',
      'PythonFormatError',
    ]);
  });

  it('is an Error without a key when it is not a KeyError', () => {
    const error = new PythonFormatError('ValueError', 'Format specifier missing precision');
    expect(error instanceof Error && error.key === undefined).toBe(true);
  });
});
