import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir';
import type { DatasetSplit } from '../../../../shared/dataset';
import { ConfigError, DataError } from '../../../../shared/errors';
import {
  loadCsvDataset,
  MAX_CSV_BYTES,
  type CsvFileSystem,
} from '../../../../electron/node/data/load-csv-dataset';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('workbench-csv-');
});

/** Writes `content` to a new CSV file in this test's directory and returns its path. */
async function csvFile(content: string | Uint8Array, name = 'data.csv'): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** `rows` lines of `x1,x2,label`, label 'a'/'b' alternating, x1 = row index, x2 = 10 - index. */
function simpleCsv(rows: number): string {
  const lines = ['x1,x2,label'];
  for (let i = 0; i < rows; i++) lines.push(`${i},${10 - i},${i % 2 === 0 ? 'a' : 'b'}`);
  return lines.join('\n') + '\n';
}

/** Every feature and label of every split. */
function allValues(split: DatasetSplit): number[] {
  return [...split.features, ...split.labels];
}

async function loadError(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the load to fail');
}

describe('loadCsvDataset', () => {
  it('loads features, sorted class names and a seeded split', async () => {
    const path = await csvFile(simpleCsv(20));
    const dataset = await loadCsvDataset({ path });
    expect(dataset.info).toMatchObject({
      name: 'data.csv',
      source: path,
      task: 'classification',
      featureShape: [2],
      numFeatures: 2,
      featureNames: ['x1', 'x2'],
      labelName: 'label',
      classNames: ['a', 'b'],
      splitSizes: { train: 14, validation: 3, test: 3 },
      spec: { kind: 'csv', path, labelColumn: 'label', task: 'classification', validationSplit: 0.15, testSplit: 0.15, seed: 0 },
    });
    expect(dataset.train.features).toHaveLength(28);
    expect(dataset.train.task === 'classification' && dataset.train.numClasses).toBe(2);
  });

  it('matches each row with its own label after the shuffle', async () => {
    const path = await csvFile(simpleCsv(40));
    const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
    const { mean, std } = dataset.info.standardization!;
    for (let r = 0; r < dataset.train.size; r++) {
      const index = Math.round(dataset.train.features[r * 2]! * std[0]! + mean[0]!);
      expect(dataset.train.labels[r]).toBe(Math.abs(index) % 2);
    }
  });

  it('standardises with the training split statistics only', async () => {
    const path = await csvFile(simpleCsv(100));
    const dataset = await loadCsvDataset({ path, seed: 3 });
    const stats = dataset.info.standardization!;
    // Recover each training row's raw x1 (its row index) to recompute the training mean.
    const trainRaw = Array.from({ length: dataset.train.size }, (_, r) => dataset.train.features[r * 2]! * stats.std[0]! + stats.mean[0]!);
    const trainMean = trainRaw.reduce((a, b) => a + b, 0) / trainRaw.length;
    expect(stats.mean[0]).toBeCloseTo(trainMean, 4);
    expect(Math.abs(stats.mean[0]! - 49.5)).toBeGreaterThan(1e-6); // 49.5: the mean of all 100 rows
    const column = (split: DatasetSplit) => Array.from({ length: split.size }, (_, r) => split.features[r * 2]!);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(column(dataset.train))).toBeCloseTo(0, 5);
    expect(Math.abs(mean(column(dataset.test)))).toBeGreaterThan(1e-3);
  });

  it('only centres a constant column, with no NaN', async () => {
    const path = await csvFile('c,x,y\n5,1,a\n5,2,b\n5,3,a\n5,4,b\n5,5,a\n5,6,b\n');
    const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
    expect(dataset.info.standardization!.std[0]).toBe(0);
    expect(dataset.info.standardization!.mean[0]).toBe(5);
    const constantColumn = Array.from({ length: dataset.train.size }, (_, r) => dataset.train.features[r * 2]);
    expect(constantColumn.every((v) => v === 0)).toBe(true);
    expect(allValues(dataset.train).every(Number.isFinite)).toBe(true);
  });

  it('handles a byte-order mark and CRLF line ends', async () => {
    const path = await csvFile('\ufeffsize,kind\r\n1,x\r\n2,y\r\n3,x\r\n4,y\r\n');
    const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
    expect(dataset.info.featureNames).toEqual(['size']);
    expect(dataset.info.classNames).toEqual(['x', 'y']);
  });

  it('handles quoted fields with commas, quotes and line breaks', async () => {
    const path = await csvFile('"w, cm","city"\n"1.5","New York, NY"\n2,"Say ""hi"""\n3,"two\nlines"\n4,"New York, NY"\n');
    const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
    expect(dataset.info.featureNames).toEqual(['w, cm']);
    expect(dataset.info.classNames).toEqual(['New York, NY', 'Say "hi"', 'two\nlines']);
  });

  it('skips rows whose cells are all empty, as spreadsheets export them', async () => {
    const path = await csvFile('a,label\n1,x\n2,y\n,\n3,x\n4,y\n , \n');
    const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
    expect(dataset.info.splitSizes.train).toBe(4);
  });

  it('uses the chosen label column and keeps the others as features in file order', async () => {
    const path = await csvFile('a,kind,b\n1,x,2\n3,y,4\n5,x,6\n7,y,8\n');
    const dataset = await loadCsvDataset({ path, labelColumn: 'kind', validationSplit: 0, testSplit: 0 });
    expect(dataset.info.featureNames).toEqual(['a', 'b']);
    expect(dataset.info.labelName).toBe('kind');
  });

  it('gives the same split for the same seed and another for another seed', async () => {
    const path = await csvFile(simpleCsv(60));
    const a = await loadCsvDataset({ path, seed: 1 });
    const b = await loadCsvDataset({ path, seed: 1 });
    const c = await loadCsvDataset({ path, seed: 2 });
    expect(a.test.features).toEqual(b.test.features);
    expect(a.test.features).not.toEqual(c.test.features);
  });

  describe('task inference', () => {
    const labelled = (labels: (string | number)[]) =>
      ['x,y', ...labels.map((label, i) => `${i},${label}`)].join('\n');

    it.each([
      ['text labels', ['cat', 'dog', 'cat', 'dog'], undefined, 'classification', ['cat', 'dog']],
      ['numbers with fractions', [0.5, 1.25, 2, 3], undefined, 'regression', []],
      ['few distinct integers', [2, 10, 1, 2, 10, 1], undefined, 'classification', ['1', '2', '10']],
      ['integers written differently', ['1', '1.0', '01', '2'], undefined, 'classification', ['1', '2']],
      ['21 distinct integers', Array.from({ length: 21 }, (_, i) => i * 3), undefined, 'regression', []],
      ['21 distinct integers, forced', Array.from({ length: 21 }, (_, i) => i), 'classification', 'classification', Array.from({ length: 21 }, (_, i) => String(i))],
      ['few integers, forced', [0, 1, 0, 1], 'regression', 'regression', []],
    ] as const)('reads %s as %s when task is %s', async (_, labels, task, expectedTask, classNames) => {
      const path = await csvFile(labelled([...labels]));
      const dataset = await loadCsvDataset({ path, task, validationSplit: 0, testSplit: 0 });
      expect(dataset.info.task).toBe(expectedTask);
      expect(dataset.info.classNames).toEqual(classNames);
      expect(dataset.train.task).toBe(expectedTask);
    });

    it('keeps regression targets as written, not standardised', async () => {
      const path = await csvFile(labelled([0.5, 100.25, 7, 3]));
      const dataset = await loadCsvDataset({ path, validationSplit: 0, testSplit: 0 });
      expect(Array.from(dataset.train.labels).sort((a, b) => a - b)).toEqual([0.5, 3, 7, 100.25]);
      expect(dataset.train.labels).toBeInstanceOf(Float32Array);
    });
  });

  describe('bad files', () => {
    it.each([
      ['an empty file', '', /^CSV file ".*data\.csv": the file is empty\. It needs a header row/],
      ['a file with only a byte-order mark and blank lines', '\ufeff\n\n', /: the file is empty/],
      ['a header only', 'a,b,label\n', /^CSV file ".*data\.csv": the file has a header \(line 1\) but no data rows/],
      [
        'a ragged row',
        'a,b,c,d,label\n1,2,3,4,x\n1,2,3,4,y\n1,2,x\n',
        /^CSV file ".*data\.csv", line 4: this row has 3 fields, but the header \(line 1\) has 5\. Every row needs one value per column/,
      ],
      [
        'a non-numeric feature (first bad line named)',
        'a,b,label\n1,2,x\n3,4,y\n5,abc,x\n6,def,y\n',
        /^CSV file ".*data\.csv", line 4: column "b" is not numeric: this row has "abc"\. Feature columns must hold numbers/,
      ],
      ['a decimal comma', 'a,b,label\n1,"3,5",x\n', /line 2: column "b" is not numeric: this row has "3,5".*Write decimals with a point/],
      ['NaN written out', 'a,b,label\n1,NaN,x\n', /line 2: column "b" is not numeric: this row has "NaN"/],
      ['a number too large', 'a,b,label\n1,1e999,x\n', /line 2: column "b" holds 1e999, which is too large for a number/],
      ['an empty feature cell', 'a,b,label\n1,2,x\n3,,y\n', /^CSV file ".*data\.csv", line 3: column "b" is empty\. Fill in a value or delete the row\./],
      ['an empty label cell', 'a,b,label\n1,2,x\n3,4, \n', /line 3: column "label" is empty/],
      ['only one class', 'a,b,label\n1,2,x\n3,4,x\n5,6,x\n', /^CSV file ".*data\.csv": the label column "label" has only one class \("x"\) in its 3 rows/],
      ['a single column', 'a;b;label\n1;2;x\n', /line 1: the header has only 1 column \("a;b;label"\).*separates values with ';'/],
      ['an unnamed column', 'a,,label\n1,2,x\n', /line 1: column 2 of the header has no name/],
      ['a duplicate column name', 'a,b,a\n1,2,x\n', /line 1: the header names column "a" twice \(columns 1 and 3\)/],
      ['no header', '1,2,3\n4,5,6\n', /line 1: the first row looks like data \(every value is a number\), not a header/],
      ['an unclosed quote', 'a,b,label\n1,2,x\n3,"4,y\n5,6,x\n', /^CSV file ".*data\.csv", line 3: a quoted field opened on line 3 is never closed/],
      ['text after a closing quote', 'a,b,label\n1,"2"3,x\n', /line 2: field 2 has text after its closing quote/],
      ['too few rows for the splits', 'a,label\n1,x\n2,y\n', /the file has only 2 data rows: too few for validationSplit 0\.15 and testSplit 0\.15/],
    ])('throws a DataError naming the file and line for %s', async (_, content, message) => {
      const path = await csvFile(content);
      const error = await loadError(loadCsvDataset({ path }));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toMatch(message);
      expect(error.message).toContain(path);
    });

    it('counts lines from the header when blank lines come first', async () => {
      const path = await csvFile('\n\na,b\n1,x\n2\n');
      const error = await loadError(loadCsvDataset({ path }));
      expect(error.message).toMatch(/line 5: this row has 1 field, but the header \(line 3\) has 2/);
    });

    it('counts the lines of a multi-line quoted field in CRLF files', async () => {
      const path = await csvFile('a,b,label\r\n1,2,"x\r\ny"\r\n3,oops,z\r\n');
      const error = await loadError(loadCsvDataset({ path }));
      expect(error.message).toMatch(/line 4: column "b" is not numeric: this row has "oops"/);
    });

    it('lists the columns when the label column does not exist', async () => {
      const path = await csvFile('sepal,petal,Species\n1,2,x\n');
      const error = await loadError(loadCsvDataset({ path, labelColumn: 'species' }));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toBe(
        `CSV file "${path}", line 1: there is no label column "species" (did you mean "Species"? names are case-sensitive). ` +
          'The columns are "sepal", "petal", "Species".',
      );
    });

    it('names the line of the first non-numeric label when task is regression', async () => {
      const path = await csvFile('x,y\n1,2.5\n2,3.5\n3,n/a\n');
      const error = await loadError(loadCsvDataset({ path, task: 'regression' }));
      expect(error.message).toMatch(/line 4: the label column "y" holds "n\/a", but task 'regression' needs a number on every row/);
    });

    it.each([
      ['UTF-16', Uint8Array.of(0xff, 0xfe, 0x61, 0x00), /the file is UTF-16 text\. Save it as "CSV UTF-8"/],
      ['invalid UTF-8', Uint8Array.of(0x61, 0x2c, 0x62, 0x0a, 0xc3, 0x28), /the file is not UTF-8 text/],
      ['binary', Uint8Array.of(0x61, 0x00, 0x62), /contains NUL bytes: it looks like a binary file/],
    ])('throws a DataError for a %s file', async (_, bytes, message) => {
      const path = await csvFile(bytes);
      const error = await loadError(loadCsvDataset({ path }));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toMatch(message);
    });
  });

  describe('unreadable files', () => {
    it('names the path of a missing file (ENOENT)', async () => {
      const path = join(dir, 'missing.csv');
      const error = await loadError(loadCsvDataset({ path }));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toBe(`Cannot read CSV file "${path}": no such file (ENOENT). Check the path.`);
    });

    it('names the path of a directory', async () => {
      const error = await loadError(loadCsvDataset({ path: dir }));
      expect(error.message).toBe(`Cannot read CSV file "${dir}": it is a directory or a device, not a file. Choose a .csv file.`);
    });

    // Tests run as root here, which no file mode can refuse: fake the one failing call instead.
    it('names the path of a file it may not read (EACCES)', async () => {
      const fileSystem: CsvFileSystem = {
        stat: async () => ({ size: 10, isFile: () => true }),
        readFile: async (p) => {
          throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        },
      };
      const error = await loadError(loadCsvDataset({ path: '/data/secret.csv' }, fileSystem));
      expect(error).toBeInstanceOf(DataError);
      expect(error.message).toBe(
        'Cannot read CSV file "/data/secret.csv": permission denied (EACCES). Make the file readable by this user, or copy it somewhere readable.',
      );
    });

    it('refuses a file over the size limit before reading it', async () => {
      let read = false;
      const fileSystem: CsvFileSystem = {
        stat: async () => ({ size: MAX_CSV_BYTES + 1, isFile: () => true }),
        readFile: async () => {
          read = true;
          return new Uint8Array();
        },
      };
      const error = await loadError(loadCsvDataset({ path: '/data/huge.csv' }, fileSystem));
      expect(error.message).toMatch(/^Cannot read CSV file "\/data\/huge\.csv": it is 128\.0 MiB; the limit is 128 MiB/);
      expect(read).toBe(false);
    });
  });

  it.each([
    [{ path: '' }, /"path" must be the path of a CSV file; received ""/],
    [{ path: 'x.csv', validationSplit: 1 }, /"validationSplit" must be a number in \[0, 1\); received 1/],
    [{ path: 'x.csv', validationSplit: 0.5, testSplit: 0.5 }, /must be below 1 so that samples are left for training; received 0\.5 \+ 0\.5/],
    [{ path: 'x.csv', task: 'clustering' }, /"task" must be 'classification' or 'regression'/],
    [{ path: 'x.csv', seed: 1.5 }, /"seed" must be an integer from 0 to 4294967295; received 1\.5/],
  ])('throws a ConfigError for bad options %j', async (args, message) => {
    const error = await loadError(loadCsvDataset(args as never));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
  });
});
