import { describe, expect, it } from 'vitest';
import type { DatasetSplit } from '../../../../shared/dataset';
import { ConfigError } from '../../../../shared/errors';
import { IRIS_ROWS } from '../../../../electron/node/data/iris-data';
import { loadIris } from '../../../../electron/node/data/load-iris';

function columnMean(split: DatasetSplit, feature: number): number {
  let sum = 0;
  for (let r = 0; r < split.size; r++) sum += split.features[r * 4 + feature]!;
  return sum / split.size;
}

function columnStd(split: DatasetSplit, feature: number): number {
  const mean = columnMean(split, feature);
  let sum = 0;
  for (let r = 0; r < split.size; r++) sum += (split.features[r * 4 + feature]! - mean) ** 2;
  return Math.sqrt(sum / split.size);
}

describe('IRIS_ROWS', () => {
  it("holds Fisher's 150 flowers with their published column means", () => {
    expect(IRIS_ROWS).toHaveLength(150);
    const means = [0, 1, 2, 3].map((f) => IRIS_ROWS.reduce((s, row) => s + row[f]!, 0) / 150);
    expect(means.map((m) => Number(m.toFixed(3)))).toEqual([5.843, 3.057, 3.758, 1.199]);
    expect([0, 1, 2].map((c) => IRIS_ROWS.filter((row) => row[4] === c).length)).toEqual([50, 50, 50]);
  });

  it("has Fisher's values in the two rows UCI's file gets wrong", () => {
    expect(IRIS_ROWS[34]).toEqual([4.9, 3.1, 1.5, 0.2, 0]);
    expect(IRIS_ROWS[37]).toEqual([4.9, 3.6, 1.4, 0.1, 0]);
  });
});

describe('loadIris', () => {
  it('splits 90/30/30 with 30/10/10 of each species', () => {
    const { info, train } = loadIris();
    expect(info).toMatchObject({
      name: 'Iris',
      task: 'classification',
      featureShape: [4],
      featureNames: ['sepal length (cm)', 'sepal width (cm)', 'petal length (cm)', 'petal width (cm)'],
      classNames: ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'],
      splitSizes: { train: 90, validation: 30, test: 30 },
      classCounts: { train: [30, 30, 30], validation: [10, 10, 10], test: [10, 10, 10] },
      spec: { kind: 'iris', seed: 0 },
    });
    expect(train.features).toHaveLength(90 * 4);
  });

  it('standardises with the training split statistics only', () => {
    const { train, test, info } = loadIris();
    for (let f = 0; f < 4; f++) {
      expect(columnMean(train, f)).toBeCloseTo(0, 5);
      expect(columnStd(train, f)).toBeCloseTo(1, 5);
    }
    // Test rows are scaled with the training stats, so their means are near 0 but not forced to it.
    expect(Math.max(...[0, 1, 2, 3].map((f) => Math.abs(columnMean(test, f))))).toBeGreaterThan(0.01);
    // The stats are not those of all 150 rows (5.843, 3.057, 3.758, 1.199).
    expect(info.standardization!.mean[0]).not.toBeCloseTo(5.8433, 3);
  });

  it('gives the same split for the same seed and another for another seed', () => {
    expect(loadIris({ seed: 5 }).test.features).toEqual(loadIris({ seed: 5 }).test.features);
    expect(loadIris({ seed: 5 }).test.features).not.toEqual(loadIris({ seed: 6 }).test.features);
  });

  it('throws a ConfigError for a negative seed', () => {
    expect(() => loadIris({ seed: -1 })).toThrow(
      new ConfigError('Dataset spec (iris): "seed" must be an integer from 0 to 4294967295; received -1.'),
    );
  });
});
