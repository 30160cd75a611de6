import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, it } from 'vitest';

import { expectClose, type KernelResult, randomInput, runKernelOn, runOnBoth, startBothBackends } from '../kernel-parity';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

const PADS: Pad[] = ['same', 'valid', [[0, 0], [2, 1], [1, 0], [0, 0]]];
// [batch, height, width, channels], [filterHeight, filterWidth, multiplier]
const SHAPES: Array<[number[], number[]]> = [
  [[2, 9, 8, 3], [3, 3, 1]],
  [[1, 10, 7, 2], [2, 3, 2]],
  [[2, 7, 9, 1], [3, 2, 3]],
];
const strideGrid = [1, 2, 3].flatMap((stride) =>
  PADS.flatMap((pad) => SHAPES.map(([x, f]) => [stride, JSON.stringify(pad), x, f, pad] as const)),
);
const dilationGrid = [2, 3].flatMap((dilation) =>
  PADS.flatMap((pad) => SHAPES.map(([x, f]) => [dilation, JSON.stringify(pad), x, f, pad] as const)),
);

function shapes(xShape: number[], f: number[], stride: number, dilation: number, pad: Pad) {
  const filterShape: [number, number, number, number] = [f[0], f[1], xShape[3], f[2]];
  const info = tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number], filterShape, stride, dilation, pad, undefined, true,
  );
  return { filterShape, dyShape: info.outShape };
}

/**
 * The dilated filter written out with zeros between its taps: a dilation-1 convolution with it
 * equals the dilated one. The reference for dilations > 1, because the cpu kernels ignore the
 * `dilations` attribute of the two backprop kernels (tfjs 4.22; autograd never passes one > 1).
 */
function spreadFilter(values: ArrayLike<number>, shape: number[], dilation: number) {
  const [kh, kw, c, m] = shape;
  const sh = (kh - 1) * dilation + 1;
  const sw = (kw - 1) * dilation + 1;
  const out = new Float32Array(sh * sw * c * m);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < c * m; k++) out[((i * dilation) * sw + j * dilation) * c * m + k] = values[(i * kw + j) * c * m + k];
  return { values: out, shape: [sh, sw, c, m] };
}

function pickTaps(result: KernelResult, shape: number[], dilation: number): KernelResult {
  const [kh, kw, c, m] = shape;
  const sw = (kw - 1) * dilation + 1;
  const values: number[] = [];
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < c * m; k++) values.push(result.values[((i * dilation) * sw + j * dilation) * c * m + k]);
  return { shape, dtype: result.dtype, values };
}

describe('DepthwiseConv2dNativeBackpropFilter on wasm', () => {
  beforeAll(startBothBackends);

  it.each(strideGrid)('matches cpu for stride %i, pad %s, x %j, filter %j', async (stride, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = shapes(xShape, f, stride, 1, pad);
    const { cpu, wasm } = await runOnBoth(
      'DepthwiseConv2dNativeBackpropFilter',
      { x: randomInput(xShape, 1), dy: randomInput(dyShape, 2) },
      { strides: [stride, stride], dilations: [1, 1], pad, filterShape },
    );
    expectClose(wasm, cpu);
  });

  it.each(dilationGrid)('matches the spread-filter reference for dilation %i, pad %s, x %j, filter %j', async (dilation, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = shapes(xShape, f, 1, dilation, pad);
    const x = randomInput(xShape, 1);
    const dy = randomInput(dyShape, 2);
    const spread = spreadFilter(new Float32Array(tf.util.sizeFromShape(filterShape)), filterShape, dilation);
    const reference = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, {
      strides: [1, 1], dilations: [1, 1], pad, filterShape: spread.shape,
    });
    const wasm = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropFilter', { x, dy }, {
      strides: [1, 1], dilations: [dilation, dilation], pad, filterShape,
    });
    expectClose(wasm, pickTaps(reference, filterShape, dilation));
  });
});

describe('DepthwiseConv2dNativeBackpropInput on wasm', () => {
  beforeAll(startBothBackends);

  it.each(strideGrid)('matches cpu for stride %i, pad %s, x %j, filter %j', async (stride, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = shapes(xShape, f, stride, 1, pad);
    const { cpu, wasm } = await runOnBoth(
      'DepthwiseConv2dNativeBackpropInput',
      { dy: randomInput(dyShape, 2), filter: randomInput(filterShape, 3) },
      { strides: [stride, stride], dilations: [1, 1], pad, inputShape: xShape },
    );
    expectClose(wasm, cpu);
  });

  it.each(dilationGrid)('matches the spread-filter reference for dilation %i, pad %s, x %j, filter %j', async (dilation, _name, xShape, f, pad) => {
    const { filterShape, dyShape } = shapes(xShape, f, 1, dilation, pad);
    const filter = randomInput(filterShape, 3);
    const dy = randomInput(dyShape, 2);
    const spread = spreadFilter(filter.values as Float32Array, filterShape, dilation);
    const reference = await runKernelOn('cpu', 'DepthwiseConv2dNativeBackpropInput', { dy, filter: spread }, {
      strides: [1, 1], dilations: [1, 1], pad, inputShape: xShape,
    });
    const wasm = await runKernelOn('wasm', 'DepthwiseConv2dNativeBackpropInput', { dy, filter }, {
      strides: [1, 1], dilations: [dilation, dilation], pad, inputShape: xShape,
    });
    expectClose(wasm, reference);
  });
});
