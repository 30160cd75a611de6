import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../shared/dataset';
import { ConfigError } from '../../../../shared/errors';
import { generateSpirals } from '../../../../electron/node/data/generate-spirals';

const all = (splits: DatasetSplit[]) => splits.flatMap((s) => Array.from(s.features));

describe('generateSpirals', () => {
  it('gives the documented split sizes', () => {
    expect(generateSpirals({ samples: 200, noise: 0, seed: 1 }).info.splitSizes).toEqual({ train: 140, validation: 30, test: 30 });
  });

  it('gives identical points for the same seed', () => {
    const a = generateSpirals({ seed: 12 });
    const b = generateSpirals({ seed: 12 });
    expect(a.train.features).toEqual(b.train.features);
    expect(a.train.labels).toEqual(b.train.labels);
    expect(a.test.features).toEqual(b.test.features);
  });

  it('gives different points for another seed', () => {
    expect(generateSpirals({ seed: 12 }).train.features).not.toEqual(generateSpirals({ seed: 13 }).train.features);
  });

  it('balances the two classes and fills in its defaults', () => {
    const { info } = generateSpirals({ samples: 201 });
    const total = (c: number) => info.classCounts!.train[c]! + info.classCounts!.validation[c]! + info.classCounts!.test[c]!;
    expect([total(0), total(1)]).toEqual([101, 100]);
    expect(info.spec).toEqual({ kind: 'spirals', samples: 201, noise: 0.05, seed: 0, validationSplit: 0.15, testSplit: 0.15 });
    expect(info.featureNames).toEqual(['x', 'y']);
  });

  it('places noiseless points inside the unit circle, the two spirals half a turn apart', () => {
    const dataset = generateSpirals({ samples: 100, noise: 0, validationSplit: 0, testSplit: 0 });
    const { features, labels } = dataset.train;
    for (let i = 0; i < dataset.train.size; i++) {
      const r = Math.hypot(features[2 * i]!, features[2 * i + 1]!);
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThan(1);
    }
    expect(new Set(labels)).toEqual(new Set([0, 1]));
  });

  it('adds noise that moves the points when noise is above 0', () => {
    const clean = generateSpirals({ noise: 0, seed: 2 });
    const noisy = generateSpirals({ noise: 0.2, seed: 2 });
    expect(all([noisy.train])).not.toEqual(all([clean.train]));
    expect(all([noisy.train, noisy.validation, noisy.test]).every(Number.isFinite)).toBe(true);
  });

  it.each([
    [{ samples: 5 }, '"samples" must be an integer from 20 to 1000000; received 5.'],
    [{ samples: 100.5 }, '"samples" must be an integer from 20 to 1000000; received 100.5.'],
    [{ noise: -0.1 }, '"noise" must be a number from 0 to 1; received -0.1.'],
    [{ noise: Number.NaN }, '"noise" must be a number from 0 to 1; received NaN.'],
    [{ samples: 20, validationSplit: 0.5, testSplit: 0.49 }, '20 samples with validationSplit 0.5 and testSplit 0.49 leave 0 for training'],
  ])('throws a ConfigError for %j', (args, message) => {
    expect(() => generateSpirals(args)).toThrow(ConfigError);
    expect(() => generateSpirals(args)).toThrow(`Dataset spec (spirals): ${message}`);
  });
});
