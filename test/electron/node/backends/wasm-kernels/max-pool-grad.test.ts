import { beforeAll, describe, expect, it } from 'vitest';

import { expectClose, type InputSpec, randomInput, runKernelOn, runOnBoth, startBothBackends } from '../kernel-parity';

/** MaxPoolGrad's inputs for x: dy, the input and the pooled output (computed on cpu). */
async function poolInputs(x: InputSpec, filterSize: number, stride: number, pad: 'same' | 'valid') {
  const pooled = await runKernelOn('cpu', 'MaxPool', { x }, { filterSize, strides: stride, pad });
  const output: InputSpec = { values: pooled.values, shape: pooled.shape };
  return { dy: randomInput(pooled.shape, 9), input: x, output };
}

// Channels: 3 runs the JavaScript path, 8 the SIMD one (4 channels at a time) wherever the windows
// lie inside the input ('valid', and 'same' when it pads nothing); overlapping windows (stride <
// filter) add several gradients into one element.
const grid = [3, 8].flatMap((channels) =>
  [2, 3].flatMap((filterSize) =>
    [1, 2, 3].flatMap((stride) => (['same', 'valid'] as const).map((pad) => [channels, filterSize, stride, pad] as const)),
  ),
);

describe('MaxPoolGrad on wasm', () => {
  beforeAll(startBothBackends);

  it.each(grid)('matches cpu for %i channels, filter %i, stride %i, pad %s', async (channels, filterSize, stride, pad) => {
    const inputs = await poolInputs(randomInput([2, 9, 7, channels], 1), filterSize, stride, pad);
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

  it('matches cpu, bit for bit, on the MNIST CNN\'s poolings and on a padded one that fits exactly', async () => {
    for (const [shape, pad] of [[[4, 26, 26, 16], 'valid'], [[4, 11, 11, 32], 'valid'], [[2, 8, 8, 4], 'same']] as const) {
      const inputs = await poolInputs(randomInput([...shape], 4), 2, 2, pad);
      const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad });
      expect(wasm).toEqual(cpu);
    }
  });

  it('matches cpu when every value of a window is negative, four channels at a time', async () => {
    const values = Array.from({ length: 2 * 4 * 4 * 4 }, (_, i) => -1 - ((i * 37) % 11) / 10);
    const inputs = await poolInputs({ values, shape: [2, 4, 4, 4] }, 2, 2, 'valid');
    const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(wasm).toEqual(cpu);
    expect(wasm.values.filter((v) => v !== 0)).toHaveLength(2 * 2 * 2 * 4);
  });

  it('matches cpu on ties (ReLU zeros): the first maximum of a window takes the gradient', async () => {
    const values = Array.from({ length: 2 * 8 * 8 * 4 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const inputs = await poolInputs({ values, shape: [2, 8, 8, 4] }, 2, 2, 'valid');
    const { cpu, wasm } = await runOnBoth('MaxPoolGrad', inputs, { filterSize: 2, strides: 2, pad: 'valid' });
    expect(wasm).toEqual(cpu);
  });
});
