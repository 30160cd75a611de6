import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../../electron/node/data/seeded-random';

/** mulberry32 as published (bryc/code, PRNGs.md), to check ours against. */
function referenceMulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SeededRandom', () => {
  it('gives the documented first value for seed 42', () => {
    expect(new SeededRandom(42).next()).toBe(0.6011037519201636);
  });

  it.each([0, 1, 42, 123456789, 0xffffffff])('matches the reference mulberry32 when seeded with %i', (seed) => {
    const ours = new SeededRandom(seed);
    const reference = referenceMulberry32(seed);
    for (let i = 0; i < 1000; i++) expect(ours.next()).toBe(reference());
  });

  it('repeats its sequence when given the same seed', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    expect(Array.from({ length: 20 }, () => a.next())).toEqual(Array.from({ length: 20 }, () => b.next()));
  });

  it('gives a different sequence when the seed differs', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(8);
    expect(Array.from({ length: 5 }, () => a.next())).not.toEqual(Array.from({ length: 5 }, () => b.next()));
  });

  it('stays in [0, 1) and nextInt in [0, n) over many draws', () => {
    const random = new SeededRandom(3);
    for (let i = 0; i < 10_000; i++) {
      const v = random.next();
      expect(v >= 0 && v < 1).toBe(true);
      const k = random.nextInt(5);
      expect(Number.isInteger(k) && k >= 0 && k < 5).toBe(true);
    }
  });

  it('draws normal samples with mean about 0 and std about 1', () => {
    const random = new SeededRandom(11);
    const n = 20_000;
    const samples = Array.from({ length: n }, () => random.normal());
    const mean = samples.reduce((a, b) => a + b, 0) / n;
    const std = Math.sqrt(samples.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(samples.every(Number.isFinite)).toBe(true);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(std - 1)).toBeLessThan(0.03);
  });

  it('shuffles to the documented permutation for seed 1', () => {
    expect(new SeededRandom(1).shuffle([0, 1, 2, 3, 4])).toEqual([4, 2, 1, 0, 3]);
  });

  it('shuffles a typed array in place into a permutation', () => {
    const array = Int32Array.from({ length: 100 }, (_, i) => i);
    const result = new SeededRandom(5).shuffle(array);
    expect(result).toBe(array);
    expect(Array.from(array).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(Array.from(array)).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
