import { beforeAll, describe, expect, it } from 'vitest';

import { blockSwap } from '../../../../../electron/node/backends/wasm-kernels/transpose';
import { type InputSpec, randomInput, runOnBoth, startBothBackends } from '../kernel-parity';

describe('blockSwap', () => {
  it('recognises batches of matrix transposes', () => {
    expect(blockSwap([128, 784], [1, 0])).toEqual({ batches: 1, rows: 128, cols: 784 });
    expect(blockSwap([3, 5, 7], [0, 2, 1])).toEqual({ batches: 3, rows: 5, cols: 7 });
    expect(blockSwap([2, 3, 4, 5], [0, 2, 3, 1])).toEqual({ batches: 2, rows: 3, cols: 20 });
    expect(blockSwap([2, 3, 4, 5], [3, 0, 1, 2])).toEqual({ batches: 1, rows: 24, cols: 5 });
    expect(blockSwap([2, 3, 4, 5], [2, 3, 0, 1])).toEqual({ batches: 1, rows: 6, cols: 20 });
  });

  it('refuses the identity and permutations that are not one block swap', () => {
    expect(blockSwap([2, 3], [0, 1])).toBeNull();
    expect(blockSwap([2, 3, 4], [2, 1, 0])).toBeNull();
    expect(blockSwap([2, 3, 4, 5], [3, 1, 2, 0])).toBeNull();
    expect(blockSwap([2, 3, 4, 5], [2, 1, 3, 0])).toBeNull();
  });
});

describe('Transpose on wasm', () => {
  beforeAll(startBothBackends);

  const int32 = (spec: InputSpec): InputSpec => ({ ...spec, values: Array.from(spec.values as ArrayLike<number>, (v) => Math.round(v * 1000)), dtype: 'int32' });

  // Sizes around the 4x4 blocks (1-3 rows or columns left over, fewer than 4 in all), the
  // backprop shapes of the MLP, batched and grouped permutations, and ones the stock kernel keeps.
  it.each([
    [[128, 784], [1, 0]],
    [[784, 128], [1, 0]],
    [[4, 4], [1, 0]],
    [[5, 7], [1, 0]],
    [[6, 9], [1, 0]],
    [[3, 2], [1, 0]],
    [[1, 13], [1, 0]],
    [[13, 1], [1, 0]],
    [[1, 128, 10], [0, 2, 1]],
    [[3, 11, 6], [0, 2, 1]],
    [[2, 3, 4, 5], [0, 2, 3, 1]],
    [[2, 3, 4, 5], [3, 0, 1, 2]],
    [[2, 3, 4, 5], [2, 3, 0, 1]],
    [[2, 3, 4, 5], [3, 1, 2, 0]],
    [[2, 3, 4], [2, 1, 0]],
    [[4, 0], [1, 0]],
  ])('matches cpu for %j by %j', async (shape, perm) => {
    const x = randomInput(shape, shape.length + shape[0]);
    for (const input of [x, int32(x)]) {
      const { cpu, wasm } = await runOnBoth('Transpose', { x: input }, { perm });
      expect(wasm).toEqual(cpu);
    }
  });

  it('keeps bool tensors on the stock kernel, correctly', async () => {
    const x: InputSpec = { values: [1, 0, 0, 1, 1, 1], shape: [2, 3], dtype: 'bool' };
    const { cpu, wasm } = await runOnBoth('Transpose', { x }, { perm: [1, 0] });
    expect(wasm).toEqual(cpu);
    expect(wasm.values).toEqual([1, 1, 0, 1, 0, 1]);
  });
});
