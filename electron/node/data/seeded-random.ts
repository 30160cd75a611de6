/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence on
 * every platform and Node version, which is what makes splits and generated sets reproducible.
 * Not for cryptography.
 *
 * @example new SeededRandom(42).next() -> 0.6011037519201636
 */
export class SeededRandom {
  private state: number;

  /**
   * @param seed An integer; only its low 32 bits are used (`seed >>> 0`).
   */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1), mulberry32 (Tommy Ettinger's public-domain generator). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  nextInt(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** A float in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** A standard normal sample (Box-Muller; one of the pair is discarded to keep the state simple). */
  normal(): number {
    const u1 = 1 - this.next(); // in (0, 1]: log(0) would be -Infinity
    const u2 = this.next();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /**
   * Shuffles in place (Fisher-Yates) and returns the same array.
   *
   * @example new SeededRandom(1).shuffle([0, 1, 2, 3, 4]) -> [4, 2, 1, 0, 3]
   */
  shuffle<A extends { length: number; [index: number]: unknown }>(array: A): A {
    for (let i = array.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const tmp = array[i];
      array[i] = array[j];
      array[j] = tmp;
    }
    return array;
  }
}
