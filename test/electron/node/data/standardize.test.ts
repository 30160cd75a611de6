import { describe, expect, it } from 'vitest';
import { fitStandardization, standardizeRow } from '../../../../electron/node/data/standardize';

describe('fitStandardization', () => {
  it('gives the documented stats for two rows', () => {
    expect(fitStandardization(Float64Array.of(1, 5, 3, 5), 2, Int32Array.of(0, 1))).toEqual({ mean: [2, 5], std: [1, 0] });
  });

  it('uses only the given rows', () => {
    expect(fitStandardization(Float64Array.of(1, 3, 100), 1, Int32Array.of(0, 1))).toEqual({ mean: [2], std: [1] });
  });

  it('reports std 0 for a constant column whose variance is rounding noise', () => {
    const values = Float64Array.from({ length: 7 }, () => 0.1);
    expect(fitStandardization(values, 1, Int32Array.from({ length: 7 }, (_, i) => i)).std).toEqual([0]);
  });
});

describe('standardizeRow', () => {
  it('centres and scales, and only centres a column with std 0', () => {
    const out = new Float32Array(2);
    standardizeRow([3, 5], 0, { mean: [2, 5], std: [1, 0] }, out, 0);
    expect(Array.from(out)).toEqual([1, 0]);
  });
});
