import { describe, expect, it } from 'vitest';
import { emaSmooth } from '../../../../renderer/features/run-view/ema-smooth';

describe('emaSmooth', () => {
  it('debiases the average, as TensorBoard does (the documented example)', () => {
    const out = emaSmooth([1, 2, 3], 0.5);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeCloseTo(1.6666666666666667, 12);
    expect(out[2]).toBeCloseTo(2.4285714285714284, 12);
  });

  it('returns the values unchanged when the weight is 0', () => {
    expect(emaSmooth([1, NaN, 3], 0)).toEqual([1, NaN, 3]);
  });

  it('passes values that are not finite through without letting them into the average', () => {
    const out = emaSmooth([2, NaN, 2], 0.9);
    expect(out[0]).toBeCloseTo(2, 12);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(2, 12);
  });

  it('refuses a weight outside [0, 1)', () => {
    expect(() => emaSmooth([1], 1)).toThrow('weight must be in [0, 1); received 1');
  });
});
