import { describe, it, expect } from 'vitest';
import { pyFormat } from '../../../../electron/node/python-format/str-format';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';

// Expected strings and errors were produced by CPython 3.11's template.format(**KWARGS).
const KWARGS: Record<string, PyValue> = {
  epoch: new PyInt(7),
  batch: new PyInt(12),
  loss: 0.123456789,
  val_loss: 3,
  acc: 0.5,
  name: 'run-1',
  p: new PyInt(3),
  w: new PyInt(10),
  nl: -0,
  big: new PyInt(10n ** 20n),
};

const TEMPLATE_CASES: [string, string][] = [
  ['epoch{epoch:02d}-{val_loss:.4f}', 'epoch07-3.0000'],
  ['weights.{epoch:02d}-{val_loss:.2f}.keras', 'weights.07-3.00.keras'],
  ['{loss}', '0.123456789'],
  ['{val_loss}', '3.0'],
  ['{epoch}', '7'],
  ['{batch:04d}', '0012'],
  ['plain text', 'plain text'],
  ['', ''],
  ['{{literal}}', '{literal}'],
  ['{{{epoch}}}', '{7}'],
  ['}}{{', '}{'],
  ['a{{b}}c', 'a{b}c'],
  ['{loss:.{p}f}', '0.123'],
  ['{loss:{w}.{p}f}', '     0.123'],
  ['{loss:>{w}}', '0.123456789'],
  ['{name:*^{w}}', '**run-1***'],
  ['{loss!r}', '0.123456789'],
  ['{loss!s:>12}', ' 0.123456789'],
  ['{name!r}', "'run-1'"],
  ['{name!a}', "'run-1'"],
  ['{name!s:.3}', 'run'],
  ['{epoch!r:>4}', '   7'],
  ['{epoch.real}', '7'],
  ['{epoch.imag}', '0'],
  ['{epoch.numerator}', '7'],
  ['{epoch.denominator}', '1'],
  ['{loss.real:.2f}', '0.12'],
  ['{loss.imag}', '0.0'],
  ['{loss.real.imag}', '0.0'],
  ['{name[0]}', 'r'],
  ['{name[4]}', '1'],
  ['{loss:e}', '1.234568e-01'],
  ['{loss:%}', '12.345679%'],
  ['{acc:.1%}', '50.0%'],
  ['{nl}', '-0.0'],
  ['{nl:z}', '0.0'],
  ['{big:,}', '100,000,000,000,000,000,000'],
  ['{big:_x}', '5_6bc7_5e2d_6310_0000'],
  ['{epoch:b}', '111'],
  ['{epoch:#o}', '0o7'],
  ['{loss:}', '0.123456789'],
  ['{loss!s}', '0.123456789'],
  ['{name:{p}}', 'run-1'],
  ['e{epoch}/b{batch}/{loss:.5f}', 'e7/b12/0.12346'],
  ['{val_loss:g}', '3'],
  ['{val_loss:.0f}', '3'],
  ['{name[0]!r}', "'r'"],
  ['{epoch:{p}}', '  7'],
  ['é{epoch}😀', 'é7😀'],
];

/** Every error str.format raises with keyword arguments only, in CPython's left-to-right order. */
const ERROR_CASES: [string, string, string][] = [
  ['{missing}', 'KeyError', "'missing'"],
  ['{missing}}', 'KeyError', "'missing'"],
  ['{missing:{p:{p}}}', 'KeyError', "'missing'"],
  ['{val loss}', 'KeyError', "'val loss'"],
  ["{it's}", 'KeyError', '"it\'s"'],
  ['}', 'ValueError', "Single '}' encountered in format string"],
  ['{', 'ValueError', "Single '{' encountered in format string"],
  ['a}b', 'ValueError', "Single '}' encountered in format string"],
  ['a{b', 'ValueError', "expected '}' before end of string"],
  ['{epoch', 'ValueError', "expected '}' before end of string"],
  ['{epoch:02d', 'ValueError', "unmatched '{' in format spec"],
  ['{epoch[0}x}', 'ValueError', "expected '}' before end of string"],
  ['{}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
  ['{0}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
  ['{12}', 'IndexError', 'Replacement index 12 out of range for positional args tuple'],
  ['{.real}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
  ['{[0]}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
  ['{!r}', 'IndexError', 'Replacement index 0 out of range for positional args tuple'],
  ['{٣}', 'IndexError', 'Replacement index 3 out of range for positional args tuple'],
  ['{99999999999999999999}', 'ValueError', 'Too many decimal digits in format string'],
  ['{99999999999999999999x}', 'ValueError', 'Too many decimal digits in format string'],
  ['{epoch!}', 'ValueError', "unmatched '{' in format spec"],
  ['{epoch!}}', 'ValueError', 'Unknown conversion specifier }'],
  ['{epoch!', 'ValueError', 'end of string while looking for conversion specifier'],
  ['{epoch!r', 'ValueError', "unmatched '{' in format spec"],
  ['{epoch!rx}', 'ValueError', "expected ':' after conversion specifier"],
  ['{epoch!x}', 'ValueError', 'Unknown conversion specifier x'],
  ['{epoch! }', 'ValueError', 'Unknown conversion specifier \\x20'],
  ['{epoch!é}', 'ValueError', 'Unknown conversion specifier \\xe9'],
  ['{epoch!😀}', 'ValueError', 'Unknown conversion specifier \\x1f600'],
  ['{missing!x}', 'KeyError', "'missing'"],
  ['{epoch!x:{missing}}', 'ValueError', 'Unknown conversion specifier x'],
  ['{epoch{p}}', 'ValueError', "unexpected '{' in field name"],
  ['{epoch:{p:{p}}}', 'ValueError', 'Max string recursion exceeded'],
  ['{epoch:{p}', 'ValueError', "unmatched '{' in format spec"],
  ['{loss.}', 'ValueError', 'Empty attribute in format string'],
  ['{loss[]}', 'ValueError', 'Empty attribute in format string'],
  ['{loss.x}', 'AttributeError', "'float' object has no attribute 'x'"],
  ['{epoch.x}', 'AttributeError', "'int' object has no attribute 'x'"],
  ['{name.real}', 'AttributeError', "'str' object has no attribute 'real'"],
  ['{loss[0]}', 'TypeError', "'float' object is not subscriptable"],
  ['{epoch[0]}', 'TypeError', "'int' object is not subscriptable"],
  ['{loss[a]}', 'TypeError', "'float' object is not subscriptable"],
  ['{loss[}]}', 'TypeError', "'float' object is not subscriptable"],
  ['{loss[0]x}', 'TypeError', "'float' object is not subscriptable"],
  ['{loss.imag[0]x}', 'TypeError', "'float' object is not subscriptable"],
  ['{name[9]}', 'IndexError', 'string index out of range'],
  ['{name[a]}', 'TypeError', "string indices must be integers, not 'str'"],
  ['{name[-1]}', 'TypeError', "string indices must be integers, not 'str'"],
  ['{name[99999999999999999999]}', 'ValueError', 'Too many decimal digits in format string'],
  ['{loss:d}', 'ValueError', "Unknown format code 'd' for object of type 'float'"],
  ['{epoch:.2d}', 'ValueError', 'Precision not allowed in integer format specifier'],
  ['{name:+}', 'ValueError', 'Sign not allowed in string format specifier'],
  ['{loss:{name}}', 'ValueError', "Invalid format specifier 'run-1' for object of type 'float'"],
  ['{loss:{{}}}', 'ValueError', "Invalid format specifier '{}' for object of type 'float'"],
  ['{epoch}}{missing}', 'ValueError', "Single '}' encountered in format string"],
  ['{missing}{', 'KeyError', "'missing'"],
  ['{loss:,_}', 'ValueError', "Cannot specify both ',' and '_'."],
  ['{epoch:z}', 'ValueError', 'Negative zero coercion (z) not allowed in integer format specifier'],
  ['{big:c}', 'OverflowError', 'Python int too large to convert to C long'],
];

function raised(call: () => unknown): PythonFormatError {
  try {
    call();
  } catch (error) {
    if (error instanceof PythonFormatError) return error;
    throw error;
  }
  throw new Error('expected a PythonFormatError, but nothing was thrown');
}

describe('pyFormat', () => {
  it.each(TEMPLATE_CASES)('matches CPython when the template is %j', (template, expected) => {
    expect(pyFormat(template, KWARGS)).toBe(expected);
  });

  it.each(ERROR_CASES)('raises what CPython raises when the template is %j', (template, pyType, message) => {
    const error = raised(() => pyFormat(template, KWARGS));
    expect({ pyType: error.pyType, message: error.message }).toEqual({ pyType, message });
  });

  it.each([
    ['epoch{epoch:02d}-{val_loss:.4f}', { epoch: new PyInt(3), val_loss: 0.123456 }, 'epoch03-0.1235'],
    ['{loss}', { loss: 3 }, '3.0'],
    ['{loss:.{p}f}', { loss: 0.5, p: new PyInt(3) }, '0.500'],
    ['{{literal}}', {}, '{literal}'],
  ] as [string, Record<string, PyValue>, string][])(
    'returns its documented example when the template is %j',
    (template, kwargs, expected) => {
      expect(pyFormat(template, kwargs)).toBe(expected);
    },
  );

  it('names the missing key in a KeyError when a kwarg is absent', () => {
    const error = raised(() => pyFormat('{epoch:02d}-{val_loss:.4f}', { epoch: new PyInt(1) }));
    expect([error.pyType, error.message, error.key]).toEqual(['KeyError', "'val_loss'", 'val_loss']);
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'raises KeyError when the field %j is only on the object prototype',
    (name) => {
      const error = raised(() => pyFormat(`{${name}}`, {}));
      expect([error.pyType, error.key]).toEqual(['KeyError', name]);
    },
  );

  it('evaluates each field before parsing the rest when an earlier field is missing', () => {
    // CPython raises the KeyError of {missing} before it reaches the stray '}'.
    expect(raised(() => pyFormat('{missing}}', {})).pyType).toBe('KeyError');
  });

  it('uses kwargs keys with spaces and punctuation verbatim when the field name has them', () => {
    expect(pyFormat('{val loss}|{a-b}|{ü}', { 'val loss': 0.5, 'a-b': 'x', ü: new PyInt(2) })).toBe('0.5|x|2');
  });

  it.each([
    ['{m}', '[0.5, 0.25]'],
    ['{m!r}', '[0.5, 0.25]'],
    ['{m:}', '[0.5, 0.25]'],
    ['{m[0]:.2f}', '0.50'],
    ['{m[1]}', '0.25'],
    ['{m.real}', '[0.5, 0.25]'],
    ['{m.imag}', '[0.0, 0.0]'],
  ])('renders a non-scalar metric like a list of floats when the template is %j', (template, expected) => {
    expect(pyFormat(template, { m: [0.5, 0.25] })).toBe(expected);
  });

  it.each([
    ['{m:.2f}', 'TypeError', 'unsupported format string passed to numpy.ndarray.__format__'],
    ['{m[5]}', 'IndexError', 'index 5 is out of bounds for axis 0 with size 2'],
    [
      '{m[a]}',
      'IndexError',
      'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices',
    ],
    ['{m.foo}', 'AttributeError', "'numpy.ndarray' object has no attribute 'foo'"],
  ])("raises numpy's error when the template %j misuses a non-scalar metric", (template, pyType, message) => {
    const error = raised(() => pyFormat(template, { m: [0.5, 0.25] }));
    expect({ pyType: error.pyType, message: error.message }).toEqual({ pyType, message });
  });

  it.each(['{loss.hex}', '{loss.__class__}', '{epoch.bit_length}', '{name.upper}', '{m.shape}'])(
    'raises NotImplementedError when %j names an attribute Python has but that cannot be reproduced',
    (template) => {
      const error = raised(() => pyFormat(template, { ...KWARGS, m: [0.5] }));
      expect(error.pyType).toBe('NotImplementedError');
      expect(error.message).toMatch(/exists in Python but cannot be formatted here/);
    },
  );
});
