import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../../electron/node/data/parse-csv';

describe('parseCsv', () => {
  it('parses the documented example', () => {
    expect(parseCsv('a,b\r\n1,"x, ""y"""\n\n2,3')).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', 'x, "y"'], line: 2 },
      { fields: ['2', '3'], line: 4 },
    ]);
  });

  it.each([
    ['LF', 'a,b\n1,2\n3,4\n'],
    ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
    ['CR', 'a,b\r1,2\r3,4\r'],
    ['mixed', 'a,b\r\n1,2\n3,4\r'],
    ['no final line break', 'a,b\n1,2\n3,4'],
  ])('reads the same records when lines end with %s', (_, text) => {
    expect(parseCsv(text)).toEqual([
      { fields: ['a', 'b'], line: 1 },
      { fields: ['1', '2'], line: 2 },
      { fields: ['3', '4'], line: 3 },
    ]);
  });

  it('numbers records by the line they start on when a quoted field spans lines', () => {
    expect(parseCsv('a,b\r\n1,"x\r\ny\nz"\r\n2,3\r\n').map((r) => r.line)).toEqual([1, 2, 5]);
  });

  it('skips blank and whitespace-only lines but counts them', () => {
    expect(parseCsv('\na,b\n  \n\t\n1,2\n\n').map((r) => r.line)).toEqual([2, 5]);
  });

  it('keeps a quoted empty field and a trailing comma as empty fields', () => {
    expect(parseCsv('""\n1,2,').map((r) => r.fields)).toEqual([[''], ['1', '2', '']]);
  });

  it('keeps a quote inside an unquoted field as a literal character', () => {
    expect(parseCsv(`h,5'11"`)[0]!.fields).toEqual(['h', `5'11"`]);
  });

  it('skips spaces after a closing quote', () => {
    expect(parseCsv('"a" ,"b"\t\n')[0]!.fields).toEqual(['a', 'b']);
  });

  it.each([
    ['a quote that is never closed', 'a,b\n1,2\n3,"4\n5,6\n', 3, /a quoted field opened on line 3 is never closed/],
    ['text after a closing quote', 'a,b\n1,"2"x\n', 2, /field 2 has text after its closing quote \("x"\)/],
  ])('throws a CsvSyntaxError with the line for %s', (_, text, line, message) => {
    let error: unknown;
    try {
      parseCsv(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(line);
    expect((error as Error).message).toMatch(message);
  });

  it('returns no records for empty text', () => {
    expect(parseCsv('')).toEqual([]);
  });
});
