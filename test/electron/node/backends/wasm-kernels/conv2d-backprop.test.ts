import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';

import { expectClose, randomInput, runOnBoth, startBothBackends } from '../kernel-parity';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

const PADS: Pad[] = ['same', 'valid', [[0, 0], [1, 2], [0, 3], [0, 0]]];
const STRIDES = [1, 2, 3];
// [batch, height, width, inChannels], [filterHeight, filterWidth, outChannels]: odd sizes,
// non-square filters, one channel in or out.
const SHAPES: Array<[number[], number[]]> = [
  [[2, 9, 8, 3], [3, 3, 4]],
  [[1, 11, 7, 1], [2, 5, 1]],
  [[3, 6, 10, 5], [1, 1, 2]],
];

const grid = STRIDES.flatMap((stride) =>
  PADS.flatMap((pad) => SHAPES.map(([x, f]) => [stride, JSON.stringify(pad), x, f, pad] as const)),
);

function geometry(xShape: number[], f: number[], stride: number, pad: Pad, dataFormat: 'NHWC' | 'NCHW') {
  const [kh, kw, co] = f;
  const ci = dataFormat === 'NHWC' ? xShape[3] : xShape[1];
  const filterShape: [number, number, number, number] = [kh, kw, ci, co];
  const padArg = dataFormat === 'NCHW' && Array.isArray(pad) ? [pad[0], pad[3], pad[1], pad[2]] : pad;
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape, stride, 1,
    padArg as 'same', undefined, false, dataFormat === 'NHWC' ? 'channelsLast' : 'channelsFirst',
  );
  return { filterShape, dyShape: info.outShape, pad: padArg };
}

describe('Conv2DBackpropFilter on wasm', () => {
  beforeAll(startBothBackends);

  it.each(grid)('matches cpu for stride %i, pad %s, x %j, filter %j', async (stride, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = geometry(xShape, f, stride, pad, 'NHWC');
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropFilter',
      { x: randomInput(xShape, 1), dy: randomInput(dyShape, 2) },
      { strides: [stride, stride], pad, dataFormat: 'NHWC', filterShape },
    );
    expectClose(wasm, cpu);
  });

  it.each([
    [[2, 3], 'same'],
    [[1, 2], 'valid'],
  ] as const)('matches cpu for unequal strides %j with pad %s', async (strides, pad) => {
    const filterShape: [number, number, number, number] = [3, 2, 3, 4];
    const info = tf.backend_util.computeConv2DInfo([2, 9, 10, 3], filterShape, [...strides], 1, pad);
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropFilter',
      { x: randomInput([2, 9, 10, 3], 1), dy: randomInput(info.outShape, 2) },
      { strides: [...strides], pad, dataFormat: 'NHWC', filterShape },
    );
    expectClose(wasm, cpu);
  });

  it.each([1, 2])('matches cpu for NCHW data with stride %i', async (stride) => {
    const xShape = [2, 3, 9, 8];
    const { filterShape, dyShape, pad } = geometry(xShape, [3, 3, 4], stride, 'same', 'NCHW');
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropFilter',
      { x: randomInput(xShape, 1), dy: randomInput(dyShape, 2) },
      { strides: [stride, stride], pad, dataFormat: 'NCHW', filterShape },
    );
    expectClose(wasm, cpu);
  });
});

describe('Conv2DBackpropInput on wasm', () => {
  beforeAll(startBothBackends);

  it.each(grid)('matches cpu for stride %i, pad %s, x %j, filter %j', async (stride, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = geometry(xShape, f, stride, pad, 'NHWC');
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropInput',
      { dy: randomInput(dyShape, 2), filter: randomInput(filterShape, 3) },
      { strides: [stride, stride], pad, dataFormat: 'NHWC', inputShape: xShape },
    );
    expectClose(wasm, cpu);
  });

  it('matches cpu for an explicit padding larger than the filter', async () => {
    const pad: Pad = [[0, 0], [4, 0], [0, 5], [0, 0]];
    const { filterShape, dyShape } = geometry([1, 6, 6, 2], [2, 2, 3], 2, pad, 'NHWC');
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropInput',
      { dy: randomInput(dyShape, 2), filter: randomInput(filterShape, 3) },
      { strides: [2, 2], pad, dataFormat: 'NHWC', inputShape: [1, 6, 6, 2] },
    );
    expectClose(wasm, cpu);
  });

  it.each([1, 3])('matches cpu for NCHW data with stride %i', async (stride) => {
    const xShape = [2, 3, 9, 8];
    const { filterShape, dyShape, pad } = geometry(xShape, [3, 3, 4], stride, 'valid', 'NCHW');
    const { cpu, wasm } = await runOnBoth(
      'Conv2DBackpropInput',
      { dy: randomInput(dyShape, 2), filter: randomInput(filterShape, 3) },
      { strides: [stride, stride], pad, dataFormat: 'NCHW', inputShape: xShape },
    );
    expectClose(wasm, cpu);
  });
});
