import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type InputSpec, randomInput, runKernelOn, runOnBoth, startBothBackends } from '../kernel-parity';

/** MaxPoolGrad's inputs for x: dy, the input and the pooled output (computed on cpu). */
async function poolInputs(x: InputSpec, filterSize: number, stride: number, pad: 'same' | 'valid') {
  const pooled = await runKernelOn('cpu', 'MaxPool', { x }, { filterSize, strides: stride, pad });
  const output: InputSpec = { values: pooled.values, shape: pooled.shape };
  return { dy: randomInput(pooled.shape, 9), input: x, output };
}

const grid = [2, 3].flatMap((filterSize) =>
  [1, 2, 3].flatMap((stride) => (['same', 'valid'] as const).map((pad) => [filterSize, stride, pad] as const)),
);

describe('MaxPoolGrad on wasm', () => {
  beforeAll(startBothBackends);

  it.each(grid)('matches cpu for filter %i, stride %i, pad %s', async (filterSize, stride, pad) => {
    const inputs = await poolInputs(randomInput([2, 9, 7, 3], 1), filterSize, stride, pad);
    const attrs = { filterSize, strides: stride, pad };
    const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, attrs);
    expectClose(wasm, cpu);
  });

  it('matches cpu when every value of a window is negative (the stock wasm kernel drops those)', async () => {
    const x: InputSpec = { values: [0, 0.99, -0.26, -0.93, 0.49, 0.8, -0.7, -0.62], shape: [1, 2, 4, 1] };
    const inputs = await poolInputs(x, 2, 2, 'valid');
    const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(wasm).toEqual(cpu);
    expect(wasm.values[2]).toBe(inputs.dy.values[1]);
  });

  it('matches cpu on ties (ReLU zeros): the first maximum of a window takes the gradient', async () => {
    const values = Array.from({ length: 2 * 8 * 8 * 4 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const inputs = await poolInputs({ values, shape: [2, 8, 8, 4] }, 2, 2, 'valid');
    const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(wasm).toEqual(cpu);
  });
});
