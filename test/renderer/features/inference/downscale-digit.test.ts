import { describe, expect, it } from 'vitest';
import { downscaleDigit } from '../../../../renderer/features/inference/downscale-digit';
import { rasterizeStrokes } from '../../../../renderer/features/inference/rasterize-strokes';

/** A 280x280 image with a filled rectangle (inclusive bounds). */
function rectangle(left: number, top: number, right: number, bottom: number, size = 280): Float32Array {
  const image = new Float32Array(size * size);
  for (let y = top; y <= bottom; y++) for (let x = left; x <= right; x++) image[y * size + x] = 1;
  return image;
}

/** Rows and columns of the 28x28 output holding ink, and its centre of mass. */
function describeDigit(pixels: Float32Array) {
  let mass = 0;
  let sumX = 0;
  let sumY = 0;
  const rows = new Set<number>();
  const columns = new Set<number>();
  pixels.forEach((value, i) => {
    if (value <= 0) return;
    const x = i % 28;
    const y = Math.floor(i / 28);
    rows.add(y);
    columns.add(x);
    mass += value;
    sumX += (x + 0.5) * value;
    sumY += (y + 0.5) * value;
  });
  return { rows: [Math.min(...rows), Math.max(...rows)], columns: [Math.min(...columns), Math.max(...columns)], mass, centre: [sumX / mass, sumY / mass] };
}

describe('downscaleDigit', () => {
  it('puts a filled square, wherever drawn, as a 20x20 square centred in the 28x28 frame (the documented example)', () => {
    const pixels = downscaleDigit(rectangle(30, 40, 129, 139), 280, 280);
    expect(pixels).toHaveLength(784);
    const digit = describeDigit(pixels);
    expect(digit.rows).toEqual([4, 23]);
    expect(digit.columns).toEqual([4, 23]);
    expect(digit.mass).toBeCloseTo(400, 3);
    expect(digit.centre[0]).toBeCloseTo(14, 6);
    expect(digit.centre[1]).toBeCloseTo(14, 6);
    for (const value of pixels) expect(value === 0 || Math.abs(value - 1) < 1e-5).toBe(true);
  });

  it('keeps the aspect ratio: a 50x100 bar becomes 10x20, centred', () => {
    const digit = describeDigit(downscaleDigit(rectangle(200, 150, 249, 249), 280, 280));
    expect(digit.columns).toEqual([9, 18]);
    expect(digit.rows).toEqual([4, 23]);
    expect(digit.centre[0]).toBeCloseTo(14, 6);
  });

  it('centres by centre of mass, not by bounding box', () => {
    // An L in a 60x100 box (12x20 once scaled): a heavy bar and a light foot, so the mass leans
    // left and the box moves right of where bounding-box centring would put it (column 8).
    const image = rectangle(0, 0, 19, 99);
    for (let y = 90; y < 100; y++) for (let x = 20; x < 60; x++) image[y * 280 + x] = 1;
    const digit = describeDigit(downscaleDigit(image, 280, 280));
    expect(digit.columns).toEqual([11, 22]);
    expect(Math.abs(digit.centre[0] - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(digit.centre[1] - 14)).toBeLessThanOrEqual(0.5);
  });

  it('gives 784 zeros for an empty drawing', () => {
    expect(Array.from(downscaleDigit(new Float32Array(280 * 280), 280, 280)).every((value) => value === 0)).toBe(true);
  });

  it('refuses an image whose size does not match', () => {
    expect(() => downscaleDigit(new Float32Array(10), 28, 28)).toThrow('expected 28x28 = 784 values; received 10');
  });
});

describe('rasterizeStrokes', () => {
  it('paints a dot at its centre pixel (the documented example)', () => {
    expect(rasterizeStrokes([[{ x: 5, y: 5 }]], 10, 4)[5 * 10 + 5]).toBe(1);
  });

  it('paints a line with the pen width and leaves the rest blank', () => {
    const image = rasterizeStrokes([[{ x: 20, y: 50 }, { x: 80, y: 50 }]], 100, 10);
    expect(image[50 * 100 + 50]).toBe(1);
    expect(image[46 * 100 + 50]).toBe(1);
    expect(image[40 * 100 + 50]).toBe(0);
    expect(image[50 * 100 + 5]).toBe(0);
  });

  it('makes a drawn digit into 784 values in [0, 1] with ink in the middle', () => {
    const stroke = Array.from({ length: 30 }, (_, i) => ({ x: 200, y: 40 + i * 6 }));
    const pixels = downscaleDigit(rasterizeStrokes([stroke], 280, 20), 280, 280);
    expect(pixels).toHaveLength(784);
    expect(Math.min(...pixels)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...pixels)).toBeLessThanOrEqual(1);
    expect(pixels[14 * 28 + 14]).toBeGreaterThan(0.5);
    expect(pixels[0]).toBe(0);
  });
});
