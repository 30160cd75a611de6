import { describe, expect, it } from 'vitest';
import { shiftImages } from '../../../../electron/node/data/shift-images';

/** An rng whose nextInt returns the given values in turn (dx, then dy, per image). */
const scripted = (...values: number[]) => ({ nextInt: () => values.shift() as number });

describe('shiftImages', () => {
  it('moves each row one pixel right for dx = 1 (example in the doc)', () => {
    // nextInt(3) - 1: 2 -> dx = +1, 1 -> dy = 0
    expect(Array.from(shiftImages(Float32Array.of(1, 2, 3, 4), 1, 2, 2, 1, 1, scripted(2, 1)))).toEqual([0, 1, 0, 3]);
  });

  it.each([
    [0, 0, [1, 2, 3, 4, 5, 6, 7, 8, 9]],
    [-1, 0, [2, 3, 0, 5, 6, 0, 8, 9, 0]],
    [0, 1, [0, 0, 0, 1, 2, 3, 4, 5, 6]],
    [1, -1, [0, 4, 5, 0, 7, 8, 0, 0, 0]],
  ])('shifts a 3x3 image by dx=%i, dy=%i with zeros filling the border', (dx, dy, expected) => {
    const image = Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
    expect(Array.from(shiftImages(image, 1, 3, 3, 1, 1, scripted(dx + 1, dy + 1)))).toEqual(expected);
  });

  it('shifts every image of a batch independently and keeps channels together', () => {
    const images = Float32Array.of(1, 10, 2, 20, 3, 30, 4, 40);
    // Two 1x2 images with 2 channels: first moved right, second left.
    expect(Array.from(shiftImages(images, 2, 1, 2, 2, 1, scripted(2, 1, 0, 1)))).toEqual([0, 0, 1, 10, 4, 40, 0, 0]);
  });

  it('leaves the input untouched', () => {
    const image = Float32Array.of(1, 2, 3, 4);
    shiftImages(image, 1, 2, 2, 1, 1, scripted(2, 2));
    expect(Array.from(image)).toEqual([1, 2, 3, 4]);
  });
});
