import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { formatValue } from '../../../../electron/node/python-format/format-value';
import { PyInt } from '../../../../electron/node/python-format/py-int';
import type { PyValue } from '../../../../electron/node/python-format/py-value';
import { PythonFormatError } from '../../../../electron/node/python-format/python-format-error';
import { pyFormat } from '../../../../electron/node/python-format/str-format';

/** A value as fixtures/generate-format-cases.py encodes it: float repr, int decimal text, or str. */
type EncodedValue = ['f' | 'i' | 's', string];
/** `[output]` or `[null, exception type, message]`. */
type Outcome = [string] | [null, string, string];

interface Fixture {
  python: string;
  values: [EncodedValue, string, ...Outcome][];
  templates: [string, [string, EncodedValue][], ...Outcome][];
}

const fixture: Fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'format-cases.json'), 'utf8'));

function decode([kind, text]: EncodedValue): PyValue {
  if (kind === 's') return text;
  if (kind === 'i') return new PyInt(BigInt(text));
  if (text === 'nan') return NaN;
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  return Number(text);
}

function outcome(call: () => string): Outcome {
  try {
    return [call()];
  } catch (error) {
    if (error instanceof PythonFormatError) return [null, error.pyType, error.message];
    throw error;
  }
}

describe('formatValue', () => {
  it('matches CPython on every random case when replaying fixtures/format-cases.json', () => {
    expect(fixture.python).toMatch(/^3\.11\./);
    expect(fixture.values.length).toBeGreaterThanOrEqual(2000);
    const mismatches = fixture.values
      .map(([value, spec, ...expected]) => ({
        value,
        spec,
        expected,
        actual: outcome(() => formatValue(decode(value), spec)),
      }))
      .filter(({ expected, actual }) => JSON.stringify(actual) !== JSON.stringify(expected));
    expect(mismatches).toEqual([]);
  });
});

describe('pyFormat', () => {
  it('matches CPython on every random template when replaying fixtures/format-cases.json', () => {
    expect(fixture.templates.length).toBeGreaterThanOrEqual(400);
    const mismatches = fixture.templates
      .map(([template, kwargs, ...expected]) => {
        const decoded = Object.fromEntries(kwargs.map(([key, value]) => [key, decode(value)]));
        return { template, expected, actual: outcome(() => pyFormat(template, decoded)) };
      })
      .filter(({ expected, actual }) => JSON.stringify(actual) !== JSON.stringify(expected));
    expect(mismatches).toEqual([]);
  });
});
