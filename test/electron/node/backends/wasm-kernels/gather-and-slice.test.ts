import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type InputSpec, randomInput, runKernelOn, runOnBoth, startBothBackends } from '../kernel-parity';

const int32 = (values: number[], shape = [values.length]): InputSpec => ({ values, shape, dtype: 'int32' });

function typed(spec: InputSpec, dtype: 'float32' | 'int32' | 'bool'): InputSpec {
  const values = Array.from(spec.values as ArrayLike<number>, (v) => (dtype === 'float32' ? v : dtype === 'int32' ? Math.round(v * 100) : v > 0 ? 1 : 0));
  return { values, shape: spec.shape, dtype };
}

describe('GatherV2 on wasm', () => {
  beforeAll(startBothBackends);

  const grid = (['float32', 'int32', 'bool'] as const).flatMap((dtype) =>
    [
      [[6, 5, 4], [4, 0, 0, 2], 0, 0],
      [[6, 5, 4], [4, 0, 0, 2], 1, 0],
      [[6, 5, 4], [3, 3, 1], 2, 0],
      [[6, 5, 4], [3, 3, 1], -1, 0],
      [[128, 784], [127, 5, 5, 64, 0], 0, 0],
      [[7], [6, 1], 0, 0],
    ].map(([shape, indices, axis, batchDims]) => [dtype, shape, indices, axis, batchDims] as const),
  );

  it.each(grid)('matches cpu for %s x %j, indices %j, axis %i, batchDims %i', async (dtype, shape, indices, axis, batchDims) => {
    const x = typed(randomInput(shape as number[], 1), dtype);
    const { cpu, wasm } = await runOnBoth('GatherV2', { x, indices: int32(indices as number[]) }, { axis, batchDims });
    expect(wasm).toEqual(cpu);
  });

  it('matches cpu for batchDims 1 with 2-D indices', async () => {
    const { cpu, wasm } = await runOnBoth(
      'GatherV2',
      { x: randomInput([3, 5, 4], 2), indices: int32([0, 4, 1, 1, 3, 2], [3, 2]) },
      { axis: 1, batchDims: 1 },
    );
    expect(wasm).toEqual(cpu);
  });

  it('rejects an index out of range, naming it', async () => {
    await expect(runKernelOn('wasm', 'GatherV2', { x: randomInput([4, 2], 1), indices: int32([1, 4]) }, { axis: 0, batchDims: 0 }))
      .rejects.toThrow('GatherV2: the index value 4 is not in [0, 3]');
  });
});

describe('Slice on wasm', () => {
  beforeAll(startBothBackends);

  const grid = (['float32', 'int32', 'bool'] as const).flatMap((dtype) =>
    [
      [[10], [3], [4]],
      [[6, 5, 4], [1, 2, 0], [3, 2, 4]],
      [[6, 5, 4], [1, 2, 1], [3, 2, 2]],
      [[6, 5, 4], [0, 0, 0], [6, 5, 4]],
      [[6, 5, 4], [2, 0, 0], [-1, 5, 4]],
      [[3, 4, 5, 6], [1, 1, 2, 3], [2, 3, 3, 3]],
      [[3, 4, 5, 6], [0, 1, 0, 0], [3, 2, 5, 6]],
      [[4, 3], [1, 0], [0, 3]],
    ].map(([shape, begin, size]) => [dtype, shape, begin, size] as const),
  );

  it.each(grid)('matches cpu for %s x %j, begin %j, size %j', async (dtype, shape, begin, size) => {
    const x = typed(randomInput(shape, 1), dtype);
    const { cpu, wasm } = await runOnBoth('Slice', { x }, { begin, size });
    expect(wasm).toEqual(cpu);
  });

  it('slices a batch of rows out of a large tensor', async () => {
    const { cpu, wasm } = await runOnBoth('Slice', { x: randomInput([3000, 784], 3) }, { begin: [1280, 0], size: [128, 784] });
    expectClose(wasm, cpu, 0);
  });
});
