import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type InputSpec, randomInput, runOnBoth, startBothBackends } from '../kernel-parity';

describe('Sum on wasm', () => {
  beforeAll(startBothBackends);

  // Leading axes over 4k columns (the column-sum kernel: conv and dense bias gradients), with and
  // without keepDims, axes unsorted or negative; and sums it leaves to the stock kernel.
  it.each([
    [[16, 26, 26, 16], [0, 1, 2], false],
    [[16, 26, 26, 16], [0, 1, 2], true],
    [[128, 10], [0], false],
    [[128, 12], [0], true],
    [[6, 5, 4], [1, 0], false],
    [[6, 5, 8], [-3, -2], true],
    [[1, 4], 0, false],
    [[3, 6], [0], false],
    [[3, 6], [1], false],
    [[3, 4, 8], [0, 2], false],
    [[3, 4, 8], [0, 1, 2], false],
    [[5, 8], [], false],
  ])('matches cpu for shape %j, axis %j, keepDims %s', async (shape, axis, keepDims) => {
    const x = randomInput(shape, shape.length + shape[0]);
    const { cpu, wasm } = await runOnBoth('Sum', { x }, { axis, keepDims });
    expectClose(wasm, cpu, 1e-5);
  });

  it('adds the rows in order, four columns at a time', async () => {
    const values = [1e8, 1, 2, 3, 1, 1, 1, 1, -1e8, 0, 0, 0];
    const x: InputSpec = { values, shape: [3, 4] };
    const { wasm } = await runOnBoth('Sum', { x }, { axis: 0, keepDims: false });
    // float32: 1e8 + 1 rounds back to 1e8, so the first column loses the 1.
    expect(wasm.values).toEqual([0, 2, 3, 4]);
  });

  it('leaves integer sums to the stock kernel', async () => {
    const x: InputSpec = { values: [1, 2, 3, 4, 5, 6, 7, 8], shape: [2, 4], dtype: 'int32' };
    const { cpu, wasm } = await runOnBoth('Sum', { x }, { axis: 0, keepDims: false });
    expect(wasm).toEqual(cpu);
    expect(wasm.values).toEqual([6, 8, 10, 12]);
  });
});
