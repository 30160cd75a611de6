import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir';
import { ConfigError } from '../../../../shared/errors';
import { listBuiltinDatasets } from '../../../../electron/node/data/list-builtin-datasets';
import { loadDataset } from '../../../../electron/node/data/load-dataset';

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('workbench-dataset-');
});

describe('listBuiltinDatasets', () => {
  it('lists the four built-in sets in the documented order', () => {
    expect(listBuiltinDatasets().map((d) => d.kind)).toEqual(['mnist', 'iris', 'spirals', 'xor']);
  });

  it('is plain data that survives a trip through JSON', () => {
    const entries = listBuiltinDatasets();
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });

  it.each(listBuiltinDatasets().map((entry) => [entry.kind, entry] as const))(
    'loads %s from its default spec with the advertised size and task',
    async (_, entry) => {
      const dataset = await loadDataset(entry.defaultSpec);
      const { train, validation, test } = dataset.info.splitSizes;
      expect(train + validation + test).toBe(entry.samples);
      expect(dataset.info.task).toBe(entry.task);
      expect(dataset.info.spec).toEqual(entry.defaultSpec);
    },
  );
});

describe('loadDataset', () => {
  it('loads a CSV file from a csv spec', async () => {
    const path = join(dir, 'points.csv');
    await writeFile(path, 'x,y,label\n' + Array.from({ length: 10 }, (_, i) => `${i},${i * 2},${i % 2}`).join('\n'));
    const dataset = await loadDataset({ kind: 'csv', path, labelColumn: 'label', validationSplit: 0.2, testSplit: 0.2, seed: 1 });
    expect(dataset.info).toMatchObject({ name: 'points.csv', classNames: ['0', '1'], splitSizes: { train: 6, validation: 2, test: 2 } });
  });

  it('loads MNIST flat when asked', async () => {
    expect((await loadDataset({ kind: 'mnist', shape: 'flat' })).info.featureShape).toEqual([784]);
  });

  it('passes generator options through', async () => {
    const dataset = await loadDataset({ kind: 'spirals', samples: 40, noise: 0, seed: 9 });
    expect(dataset.info.spec).toEqual({ kind: 'spirals', samples: 40, noise: 0, seed: 9, validationSplit: 0.15, testSplit: 0.15 });
  });

  it.each([
    [null, "Dataset spec must be an object such as { kind: 'iris' }; received null."],
    ['iris', `Dataset spec must be an object such as { kind: 'iris' }; received "iris".`],
    [{}, `Dataset spec: "kind" must be one of 'mnist', 'iris', 'spirals', 'xor', 'csv'; received nothing.`],
    [{ kind: 'cifar' }, `Dataset spec: "kind" must be one of 'mnist', 'iris', 'spirals', 'xor', 'csv'; received "cifar".`],
    [{ kind: 'mnist', shape: [28, 28] }, `Dataset spec (mnist): "shape" must be 'image' or 'flat'; received [28,28].`],
    [{ kind: 'iris', samples: 10 }, `Dataset spec (iris): unknown field "samples"; the fields of 'iris' are "kind", "seed".`],
    [{ kind: 'xor', samples: '100' }, `Dataset spec (xor): "samples" must be an integer from 20 to 1000000; received "100".`],
    [{ kind: 'spirals', noise: 2 }, `Dataset spec (spirals): "noise" must be a number from 0 to 1; received 2.`],
    [{ kind: 'xor', seed: 2 ** 32 }, `Dataset spec (xor): "seed" must be an integer from 0 to 4294967295; received 4294967296.`],
    [{ kind: 'spirals', testSplit: -0.1 }, `Dataset spec (spirals): "testSplit" must be a number in [0, 1); received -0.1.`],
    [{ kind: 'csv' }, `Dataset spec (csv): "path" must be the path of a CSV file; received nothing.`],
    [
      { kind: 'csv', path: 'a.csv', labelColumn: 3 },
      `Dataset spec (csv): "labelColumn" must be a column name from the CSV header, or left out for the last column; received 3.`,
    ],
  ])('throws a ConfigError for the spec %j', async (spec, message) => {
    await expect(loadDataset(spec)).rejects.toThrow(new ConfigError(message));
  });
});
