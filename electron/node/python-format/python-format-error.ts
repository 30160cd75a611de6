/**
 * The Python exception a formatting call raises. Every type but `NotImplementedError` is what
 * CPython 3.11 raises for the same call (MemoryError where a result would not fit in a JS
 * string); `NotImplementedError` marks a call Python would answer with text this module cannot
 * reproduce (a bound method's repr holds a memory address).
 */
export type PythonExceptionType =
  | 'KeyError'
  | 'ValueError'
  | 'IndexError'
  | 'TypeError'
  | 'AttributeError'
  | 'OverflowError'
  | 'MemoryError'
  | 'NotImplementedError';

/**
 * An error that `str.format` or `format()` raises in CPython 3.11, with the same exception type
 * (`pyType`) and the same message: `message` is `str(exc)` character for character, so a
 * KeyError's message is the repr of the missing key (`'val_loss'`, quotes included) and the
 * key itself is in `key`.
 *
 * @example new PythonFormatError('KeyError', "'val_loss'", 'val_loss').message -> "'val_loss'"
 */
export class PythonFormatError extends Error {
  /**
   * @param pyType The Python exception type.
   * @param message Python's `str(exc)`.
   * @param key For a KeyError, the missing key. Defaults to undefined.
   */
  constructor(
    readonly pyType: PythonExceptionType,
    message: string,
    readonly key?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
