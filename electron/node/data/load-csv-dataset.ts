import { promises as nodeFs } from 'node:fs';
import { basename } from 'node:path';
import type { CsvSpec, Dataset, DatasetTask } from '../../../shared/dataset';
import { DataError } from '../../../shared/errors';
import { assembleDataset } from './assemble-dataset';
import { validateDatasetSpec } from './dataset-spec';
import { CsvSyntaxError, forEachCsvRecord } from './parse-csv';
import { computeSplitSizes, splitIndices } from './split-indices';

/**
 * Integer labels with at most this many distinct values are read as classes; more distinct
 * integers are read as a regression target (a count, a price in whole units). `task` overrides.
 */
export const MAX_INFERRED_CLASSES = 20;

/** Largest CSV file read (the whole file is decoded in memory). */
export const MAX_CSV_BYTES = 128 * 1024 * 1024;

/** The part of `fs.promises` the loader uses: pass a fake to test I/O failures the machine cannot cause. */
export interface CsvFileSystem {
  stat(path: string): Promise<{ size: number; isFile(): boolean }>;
  readFile(path: string): Promise<Uint8Array>;
}

/** A decimal number as people write it in a CSV: `3`, `-0.5`, `.5`, `1e-3`, `+2.`; not `0x10`, `1,5`, `NaN`. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Loads a user's CSV file as a data set.
 *
 * Rules, each broken one a `DataError` naming the file and (where there is one) the 1-based line:
 * - UTF-8 text (a byte-order mark is removed), comma-separated, RFC 4180 quoting (see `parseCsv`);
 *   CRLF, LF and CR line ends; blank lines, and rows whose cells are all empty (`,,,`), are skipped.
 * - The first non-blank line is a header with a unique, non-empty name per column (at least 2).
 * - The label column is `labelColumn` (by header name), or the last column.
 * - Every other column is a numeric feature: no empty cells, no text (nothing becomes NaN).
 *   Features are standardised with the mean and std of the TRAINING split only; a constant
 *   column is only centred.
 * - The task, unless `task` says: labels that are not all numbers are class names; numbers with
 *   a fraction are a regression target; integers are classes when there are at most
 *   `MAX_INFERRED_CLASSES` (20) distinct values, a regression target otherwise.
 * - Class names are sorted (numerically when the labels are numbers, by code unit otherwise); a
 *   class index is the position of its name. At least 2 classes. Regression targets stay as written.
 * - Splits: a seeded shuffle, validation and test sizes `round(rows * fraction)` (at least 1 when
 *   the fraction is above 0), stratified by class for classification; at least 1 training row.
 *
 * @param args The spec without `kind` (see `CsvSpec`; fractions default to 0.15, seed to 0).
 * @param fileSystem Where to read from. Defaults to `node:fs`.
 * @throws ConfigError for bad options; DataError for a file that cannot be read or used.
 */
export async function loadCsvDataset(
  args: Omit<CsvSpec, 'kind'>,
  fileSystem: CsvFileSystem = nodeFs,
): Promise<Dataset> {
  const spec = validateDatasetSpec({ ...args, kind: 'csv' });
  const path = spec.path;
  const fail: Fail = (problem, line, column) => {
    const where = line === undefined ? `CSV file "${path}"` : `CSV file "${path}", line ${line}`;
    throw new DataError(`${where}: ${problem}`, { path, line, column });
  };

  const text = decodeText(await readBytes(path, fileSystem), fail);

  let header: string[] | undefined;
  let headerLine = 0;
  let labelIndex = -1;
  let numFeatures = 0;
  const features: number[] = [];
  const labelTexts: string[] = [];
  const labelLines: number[] = [];
  try {
    forEachCsvRecord(text, (fields, line) => {
      if (header === undefined) {
        header = checkHeader(fields, line, fail);
        headerLine = line;
        labelIndex = findLabelColumn(header, spec.labelColumn, line, fail);
        numFeatures = header.length - 1;
        return;
      }
      // Rows of only empty cells (",,," as spreadsheets export below the data) carry nothing: skip them like blank lines.
      if (fields.every((field) => field.trim() === '')) return;
      if (fields.length !== header.length) {
        fail(
          `this row has ${fields.length} field${fields.length === 1 ? '' : 's'}, but the header (line ${headerLine}) has ` +
            `${header.length}. Every row needs one value per column: look for a missing or extra comma, ` +
            `or put a value that contains a comma in double quotes.`,
          line,
        );
      }
      for (let j = 0; j < fields.length; j++) {
        const raw = fields[j]!.trim();
        const column = header[j]!;
        if (raw === '') {
          fail(`column "${column}" is empty. Fill in a value or delete the row.`, line, column);
        }
        if (j === labelIndex) {
          labelTexts.push(raw);
          labelLines.push(line);
          continue;
        }
        const value = parseNumber(raw);
        if (value === undefined) {
          const hint = /^[+-]?\d+,\d+$/.test(raw) ? ' Write decimals with a point (3.5, not 3,5).' : '';
          fail(
            `column "${column}" is not numeric: this row has ${JSON.stringify(raw)}. Feature columns must hold ` +
              `numbers; remove the column, encode it as numbers, or choose it as the label column.${hint}`,
            line,
            column,
          );
        }
        if (!Number.isFinite(value)) {
          fail(`column "${column}" holds ${raw}, which is too large for a number.`, line, column);
        }
        features.push(value);
      }
    });
  } catch (error) {
    if (error instanceof CsvSyntaxError) fail(`${error.message}.`, error.line);
    throw error;
  }

  if (header === undefined) {
    fail('the file is empty. It needs a header row naming the columns, then one row per sample.');
  }
  const rows = labelTexts.length;
  if (rows === 0) {
    fail(`the file has a header (line ${headerLine}) but no data rows. Add one row per sample below the header.`);
  }
  const columns = header!;
  const labelName = columns[labelIndex]!;

  const labeling = readLabels(labelTexts, labelLines, labelName, spec.task, fail);
  const sizes = computeSplitSizes(rows, spec.validationSplit, spec.testSplit);
  if (sizes.train < 1) {
    fail(
      `the file has only ${rows} data row${rows === 1 ? '' : 's'}: too few for validationSplit ${spec.validationSplit} ` +
        `and testSplit ${spec.testSplit}, which leave none for training. Add rows or lower the split fractions.`,
    );
  }

  return assembleDataset({
    info: {
      name: basename(path),
      source: path,
      spec: { ...spec, labelColumn: labelName, task: labeling.task },
      task: labeling.task,
      featureShape: [numFeatures],
      featureNames: columns.filter((_, j) => j !== labelIndex),
      labelName,
      classNames: labeling.classNames,
    },
    features,
    labels: labeling.labels,
    splits: splitIndices({
      count: rows,
      validationSplit: spec.validationSplit,
      testSplit: spec.testSplit,
      seed: spec.seed,
      ...(labeling.task === 'classification'
        ? { labels: labeling.labels as Int32Array, numClasses: labeling.classNames.length }
        : {}),
    }),
    standardize: true,
  });
}

type Fail = (problem: string, line?: number, column?: string) => never;

/** Reads the whole file, turning every I/O failure into a DataError that names the path. */
async function readBytes(path: string, fileSystem: CsvFileSystem): Promise<Uint8Array> {
  const cannot = (why: string, code?: string): DataError =>
    new DataError(`Cannot read CSV file "${path}": ${why}`, { path, code });
  try {
    const stat = await fileSystem.stat(path);
    if (!stat.isFile()) throw cannot('it is a directory or a device, not a file. Choose a .csv file.', 'EISDIR');
    if (stat.size > MAX_CSV_BYTES) {
      throw cannot(
        `it is ${(stat.size / 2 ** 20).toFixed(1)} MiB; the limit is ${MAX_CSV_BYTES / 2 ** 20} MiB. Use a sample of the rows.`,
        'TOO_LARGE',
      );
    }
    return await fileSystem.readFile(path);
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    switch (code) {
      case 'ENOENT':
      case 'ENOTDIR':
        throw cannot('no such file (ENOENT). Check the path.', code);
      case 'EACCES':
      case 'EPERM':
        throw cannot(`permission denied (${code}). Make the file readable by this user, or copy it somewhere readable.`, code);
      case 'EISDIR':
        throw cannot('it is a directory, not a file (EISDIR). Choose a .csv file.', code);
      default:
        throw cannot(`${error instanceof Error ? error.message : String(error)}${code ? ` (${code})` : ''}.`, code);
    }
  }
}

/** UTF-8 text without a byte-order mark; a clear error for UTF-16 and binary files. */
function decodeText(bytes: Uint8Array, fail: Fail): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('the file is UTF-16 text. Save it as "CSV UTF-8" (comma-separated) and load it again.');
  }
  let text: string;
  try {
    // TextDecoder drops a leading UTF-8 byte-order mark (ignoreBOM defaults to false).
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('the file is not UTF-8 text. Save it as "CSV UTF-8" (comma-separated) and load it again.');
  }
  if (text.includes('\u0000')) {
    fail('the file contains NUL bytes: it looks like a binary file, not CSV text. Choose a .csv file.');
  }
  return text;
}

/** Trimmed column names, checked: at least 2, none empty, no duplicates, not a data row. */
function checkHeader(fields: string[], line: number, fail: Fail): string[] {
  const names = fields.map((f) => f.trim());
  if (names.length < 2) {
    fail(
      `the header has only 1 column (${JSON.stringify(names[0])}); a data set needs at least one feature column and a ` +
        `label column. If the file separates values with ';' or tabs, save it comma-separated.`,
      line,
    );
  }
  names.forEach((name, j) => {
    if (name === '') fail(`column ${j + 1} of the header has no name. Give every column a name.`, line);
    const first = names.indexOf(name);
    if (first !== j) {
      fail(`the header names column "${name}" twice (columns ${first + 1} and ${j + 1}). Column names must be unique.`, line);
    }
  });
  if (names.every((name) => parseNumber(name) !== undefined)) {
    fail(
      'the first row looks like data (every value is a number), not a header. Add a first line naming the columns, ' +
        'such as "x1,x2,label".',
      line,
    );
  }
  return names;
}

function findLabelColumn(header: string[], labelColumn: string | undefined, line: number, fail: Fail): number {
  if (labelColumn === undefined) return header.length - 1;
  const index = header.indexOf(labelColumn);
  if (index >= 0) return index;
  const near = header.find((name) => name.toLowerCase() === labelColumn.toLowerCase());
  fail(
    `there is no label column ${JSON.stringify(labelColumn)}` +
      (near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}? names are case-sensitive)`) +
      `. The columns are ${header.map((name) => JSON.stringify(name)).join(', ')}.`,
    line,
  );
  return -1;
}

interface Labeling {
  task: DatasetTask;
  classNames: string[];
  labels: Int32Array | Float32Array;
}

/** Decides the task (unless forced) and encodes the labels. */
function readLabels(
  texts: string[],
  lines: number[],
  labelName: string,
  forcedTask: DatasetTask | undefined,
  fail: Fail,
): Labeling {
  const values = texts.map(parseNumber);
  const firstText = values.findIndex((v) => v === undefined || !Number.isFinite(v));
  const numeric = firstText < 0;

  let task = forcedTask;
  if (task === undefined) {
    if (!numeric) task = 'classification';
    else if (values.some((v) => !Number.isInteger(v))) task = 'regression';
    else task = new Set(values).size <= MAX_INFERRED_CLASSES ? 'classification' : 'regression';
  }

  if (task === 'regression') {
    if (!numeric) {
      fail(
        `the label column "${labelName}" holds ${JSON.stringify(texts[firstText])}, but task 'regression' needs a ` +
          `number on every row. Fix the value, or use task 'classification'.`,
        lines[firstText],
        labelName,
      );
    }
    return { task, classNames: [], labels: Float32Array.from(values as number[]) };
  }

  // Numbers are compared as numbers ("1", "1.0" and "01" are one class) and sorted numerically.
  const keys = numeric ? (values as number[]).map((v) => String(v)) : texts;
  const classNames = [...new Set(keys)];
  if (numeric) classNames.sort((a, b) => Number(a) - Number(b));
  else classNames.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classNames.length < 2) {
    fail(
      `the label column "${labelName}" has only one class (${JSON.stringify(classNames[0])}) in its ${texts.length} ` +
        `rows; a classifier needs at least 2. Choose another label column` +
        (numeric ? `, or use task 'regression'.` : '.'),
      undefined,
      labelName,
    );
  }
  const index = new Map(classNames.map((name, i) => [name, i]));
  return { task, classNames, labels: Int32Array.from(keys, (key) => index.get(key)!) };
}

/**
 * A cell as a number, or undefined when it is not written as a decimal number.
 *
 * @example parseNumber('-1.5e2') -> -150
 * @example parseNumber('0x10') -> undefined
 * @example parseNumber('1e999') -> Infinity (the caller reports it as out of range)
 */
function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}
