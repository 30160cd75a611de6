import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from '../../../../renderer/features/run-view/downsample-min-max';

const series = (ys: number[]) => ys.map((y, x) => ({ x, y }));

describe('downsampleMinMax', () => {
  it('keeps first, last, and each bucket\'s min and max in x order (the documented example)', () => {
    expect(downsampleMinMax(series([0, 1, 5, 2, 3, -4, 6, 1, 0, 2]), 6)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 1 },
      { x: 2, y: 5 },
      { x: 5, y: -4 },
      { x: 6, y: 6 },
      { x: 9, y: 2 },
    ]);
  });

  it('returns the same array when the series is already short enough', () => {
    const points = series([3, 1, 2]);
    expect(downsampleMinMax(points, 10)).toBe(points);
  });

  it('puts a bucket\'s max before its min when the max comes first', () => {
    expect(downsampleMinMax(series([0, 7, 8, 9, 1, 0]), 4)).toEqual([
      { x: 0, y: 0 },
      { x: 3, y: 9 },
      { x: 4, y: 1 },
      { x: 5, y: 0 },
    ]);
  });

  it('emits one point for a flat bucket', () => {
    expect(downsampleMinMax(series([0, 4, 4, 4, 4, 4, 4, 0]), 6)).toEqual([
      { x: 0, y: 0 },
      { x: 1, y: 4 },
      { x: 4, y: 4 },
      { x: 7, y: 0 },
    ]);
  });

  it('keeps a single spike and a single dip among 100,000 points, within the budget', () => {
    const ys = Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 500));
    ys[31_337] = 50;
    ys[77_777] = -50;
    const out = downsampleMinMax(series(ys), 1000);
    expect(out.length).toBeLessThanOrEqual(1000);
    expect(out).toContainEqual({ x: 31_337, y: 50 });
    expect(out).toContainEqual({ x: 77_777, y: -50 });
    expect(out[0]).toEqual({ x: 0, y: 0 });
    expect(out[out.length - 1].x).toBe(99_999);
    expect(out.map((point) => point.x)).toEqual([...out.map((point) => point.x)].sort((a, b) => a - b));
  });

  it('never picks a point whose y is not finite', () => {
    const out = downsampleMinMax(series([0, NaN, 1, Infinity, 2, NaN, 3, -Infinity, 4, 5]), 6);
    expect(out.slice(1, -1).every((point) => Number.isFinite(point.y))).toBe(true);
  });

  it('refuses a budget below 4 points', () => {
    expect(() => downsampleMinMax(series([1, 2, 3, 4, 5]), 3)).toThrow('maxPoints must be an integer >= 4; received 3');
  });
});
