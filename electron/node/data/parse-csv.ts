/** One record of a CSV file. */
export interface CsvRecord {
  /** The fields, unquoted (`"a ""b"""` -> `a "b"`), not trimmed. */
  fields: string[];
  /** 1-based line on which the record starts (a quoted field may span several lines). */
  line: number;
}

/** A CSV syntax error: what is wrong, and on which 1-based line. */
export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const SPACE = 0x20;
const TAB = 0x09;

/**
 * Parses comma-separated text by RFC 4180, with line numbers a person can find in an editor.
 *
 * - Records end at CRLF, LF or a lone CR, in any mix (files edited on several systems).
 * - A field that starts with `"` is quoted: it may hold commas, quotes written `""`, and line
 *   breaks (kept as written); after its closing quote comes a comma or the end of the record
 *   (spaces or tabs in between are skipped).
 * - A quote inside an unquoted field is kept as a literal character (`5'11"` stays `5'11"`),
 *   as most spreadsheet programs do.
 * - Blank lines (empty, or only spaces and tabs) are skipped; they still count for line numbers.
 * - A byte-order mark is NOT removed here: the caller strips it from the decoded text.
 *
 * @throws CsvSyntaxError for a quote that is never closed, or text after a closing quote.
 * @example parseCsv('a,b\r\n1,"x, ""y"""\n\n2,3')
 *   -> [{ fields: ['a', 'b'], line: 1 }, { fields: ['1', 'x, "y"'], line: 2 }, { fields: ['2', '3'], line: 4 }]
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  forEachCsvRecord(text, (fields, line) => records.push({ fields, line }));
  return records;
}

/**
 * Calls `onRecord` for each record of `text`, in order, with the rules of `parseCsv`; keeps no
 * records itself, so a large file costs only what the caller keeps.
 *
 * @throws CsvSyntaxError as `parseCsv` does (records before the error have been delivered).
 */
export function forEachCsvRecord(text: string, onRecord: (fields: string[], line: number) => void): void {
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const recordLine = line;
    const fields: string[] = [];
    let quoted = false;
    let endOfRecord = false;
    while (!endOfRecord) {
      let value: string;
      if (text.charCodeAt(i) === QUOTE) {
        quoted = true;
        const quoteLine = line;
        let start = i + 1;
        value = '';
        for (;;) {
          const close = text.indexOf('"', start);
          if (close < 0) {
            throw new CsvSyntaxError(
              `a quoted field opened on line ${quoteLine} is never closed; add the closing quote (") or ` +
                `write a quote inside a quoted field as two quotes ("")`,
              quoteLine,
            );
          }
          const chunk = text.slice(start, close);
          line += countLineBreaks(chunk);
          value += chunk;
          if (text.charCodeAt(close + 1) === QUOTE) {
            value += '"';
            start = close + 2;
          } else {
            i = close + 1;
            break;
          }
        }
        // Spaces or tabs between the closing quote and the comma are harmless: skip them.
        while (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB) i++;
        const next = text.charCodeAt(i);
        if (i < n && next !== COMMA && next !== CR && next !== LF) {
          const after = text.slice(i, i + 12).split(/[\r\n]/)[0];
          throw new CsvSyntaxError(
            `field ${fields.length + 1} has text after its closing quote (${JSON.stringify(after)}); ` +
              `quote the whole field and write quotes inside it as two quotes ("")`,
            line,
          );
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === CR || c === LF) break;
          i++;
        }
        value = text.slice(start, i);
      }
      fields.push(value);

      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        // A comma at the very end of the text still ends a field: "a,b," has three fields.
        if (i === n) {
          fields.push('');
          endOfRecord = true;
        }
      } else {
        // Here i is at a line break or at the end of the text.
        if (c === CR || c === LF) {
          i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line++;
        }
        endOfRecord = true;
      }
    }
    const blank = !quoted && fields.length === 1 && fields[0]!.trim() === '';
    if (!blank) onRecord(fields, recordLine);
  }
}

/** Counts CRLF, LF and lone CR as one line break each. */
function countLineBreaks(s: string): number {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR && s.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
