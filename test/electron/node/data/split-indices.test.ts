import { describe, expect, it } from 'vitest';
import { computeSplitSizes, splitIndices } from '../../../../electron/node/data/split-indices';

const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);

describe('computeSplitSizes', () => {
  it.each([
    [150, 0.2, 0.2, { train: 90, validation: 30, test: 30 }],
    [10, 0.01, 0, { train: 9, validation: 1, test: 0 }],
    [10_000, 0.1, 0.1, { train: 8000, validation: 1000, test: 1000 }],
    [7, 0, 0, { train: 7, validation: 0, test: 0 }],
  ])('splits %i samples with fractions %f / %f as documented', (count, v, t, expected) => {
    expect(computeSplitSizes(count, v, t)).toEqual(expected);
  });
});

describe('splitIndices', () => {
  it('puts every index in exactly one split when not stratified', () => {
    const s = splitIndices({ count: 103, validationSplit: 0.15, testSplit: 0.15, seed: 4 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([73, 15, 15]);
    expect(sorted(Int32Array.from([...s.train, ...s.validation, ...s.test]))).toEqual(
      Array.from({ length: 103 }, (_, i) => i),
    );
  });

  it('gives each class its proportional share when stratified', () => {
    const labels = Int32Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
    const s = splitIndices({ count: 150, validationSplit: 0.2, testSplit: 0.2, seed: 0, labels, numClasses: 3 });
    const perClass = (rows: Int32Array) => [0, 1, 2].map((c) => Array.from(rows).filter((r) => labels[r] === c).length);
    expect(perClass(s.train)).toEqual([30, 30, 30]);
    expect(perClass(s.validation)).toEqual([10, 10, 10]);
    expect(perClass(s.test)).toEqual([10, 10, 10]);
  });

  it('keeps exact totals when class shares do not divide evenly', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2]);
    const s = splitIndices({ count: 12, validationSplit: 0.25, testSplit: 0.25, seed: 9, labels, numClasses: 3 });
    expect([s.train.length, s.validation.length, s.test.length]).toEqual([6, 3, 3]);
    expect(sorted(Int32Array.from([...s.train, ...s.validation, ...s.test]))).toEqual(
      Array.from({ length: 12 }, (_, i) => i),
    );
  });

  it('keeps a one-sample class in training when stratified', () => {
    const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    for (let seed = 0; seed < 20; seed++) {
      const s = splitIndices({ count: 10, validationSplit: 0.2, testSplit: 0.2, seed, labels, numClasses: 2 });
      expect(Array.from(s.train)).toContain(9);
    }
  });

  it('returns the same split for the same seed and another for another seed', () => {
    const args = { count: 50, validationSplit: 0.2, testSplit: 0.2 };
    expect(splitIndices({ ...args, seed: 1 })).toEqual(splitIndices({ ...args, seed: 1 }));
    expect(splitIndices({ ...args, seed: 1 }).test).not.toEqual(splitIndices({ ...args, seed: 2 }).test);
  });

  it('throws when the sizes leave no training sample', () => {
    expect(() => splitIndices({ count: 2, validationSplit: 0.4, testSplit: 0.4, seed: 0 })).toThrow(
      /2 samples leave none for training/,
    );
  });
});
