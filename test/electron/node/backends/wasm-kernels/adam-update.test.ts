import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { ADAM_UPDATE, type AdamUpdateAttrs } from '../../../../../electron/node/backends/wasm-kernels/adam-update';
import { seededValues, startBothBackends } from '../kernel-parity';

interface StepInputs {
  value: Float32Array;
  gradient: Float32Array;
  m: Float32Array;
  v: Float32Array;
}

function inputsOf(size: number, seed: number): StepInputs {
  const v = seededValues(size, seed + 3).map((x) => x * x * 1e-3); // second moments are >= 0
  return { value: seededValues(size, seed), gradient: seededValues(size, seed + 1), m: seededValues(size, seed + 2).map((x) => x * 0.1), v };
}

/** tfjs 4.22's AdamOptimizer step for one variable, op for op, on the cpu backend. */
async function stockStep(inputs: StepInputs, a: AdamUpdateAttrs): Promise<Float32Array[]> {
  await tf.setBackend('cpu');
  const out = tf.tidy(() => {
    const [value, gradient, m, v] = [inputs.value, inputs.gradient, inputs.m, inputs.v].map((x) => tf.tensor1d(x));
    const oneMinusAccBeta1 = tf.sub(1, tf.scalar(a.accBeta1));
    const oneMinusAccBeta2 = tf.sub(1, tf.scalar(a.accBeta2));
    const newM = tf.add(tf.mul(m, a.beta1), tf.mul(gradient, 1 - a.beta1));
    const newV = tf.add(tf.mul(v, a.beta2), tf.mul(tf.square(gradient), 1 - a.beta2));
    const mHat = tf.div(newM, oneMinusAccBeta1);
    const vHat = tf.div(newV, oneMinusAccBeta2);
    const newValue = tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), a.epsilon)), -a.learningRate), value);
    return [newValue, newM, newV];
  });
  const values = out.map((t) => t.dataSync() as Float32Array);
  tf.dispose(out);
  await tf.setBackend('wasm');
  return values;
}

/** The fused kernel on wasm; checks that it leaks nothing. */
function fusedStep(inputs: StepInputs, attrs: AdamUpdateAttrs, shape: number[]): Float32Array[] {
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.backend().numDataIds();
  const [value, gradient, m, v] = [inputs.value, inputs.gradient, inputs.m, inputs.v].map((x) => tf.tensor(x, shape));
  const out = tf.engine().runKernel(ADAM_UPDATE, { value, gradient, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  expect(out.map((t) => t.shape)).toEqual([shape, shape, shape]);
  const values = out.map((t) => t.dataSync() as Float32Array);
  tf.dispose([value, gradient, m, v, ...out]);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  expect(tf.backend().numDataIds()).toBe(buffersBefore);
  return values;
}

/** Asserts equal bits; on failure names the first differing element (a 100k-element diff is unreadable). */
function expectSameBits(actual: Float32Array[], expected: Float32Array[]): void {
  ['value', 'm', 'v'].forEach((name, k) => {
    expect(actual[k].length).toBe(expected[k].length);
    const index = actual[k].findIndex((x, i) => !Object.is(x, expected[k][i]));
    const first = index < 0 ? 'none' : `${name}[${index}]: ${actual[k][index]} instead of ${expected[k][index]}`;
    expect(first).toBe('none');
  });
}

const FIRST_STEP: AdamUpdateAttrs = { learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, accBeta1: Math.fround(0.9), accBeta2: Math.fround(0.999) };

describe('WorkbenchAdamUpdate on wasm (one fused Adam step)', () => {
  beforeAll(startBothBackends);

  // Sizes around the 4-wide SIMD loop: shorter than one vector, exact multiples, 1-3 left over.
  it.each([[[1]], [[3]], [[4]], [[5]], [[7, 3]], [[16]], [[128, 10]], [[784, 128]], [[1027]]])(
    'equals tfjs Adam bit for bit for shape %j',
    async (shape) => {
      const inputs = inputsOf(tf.util.sizeFromShape(shape), shape.length * 10 + shape[0]);
      const expected = await stockStep(inputs, FIRST_STEP);
      const actual = fusedStep(inputs, FIRST_STEP, shape);
      expectSameBits(actual, expected);
    },
  );

  it.each([
    ['a late step', { ...FIRST_STEP, accBeta1: Math.fround(0.9 ** 400), accBeta2: Math.fround(0.999 ** 400) }],
    ['other hyper-parameters', { learningRate: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 1e-3, accBeta1: 0.125, accBeta2: Math.fround(0.729) }],
  ])('equals tfjs Adam bit for bit for %s', async (_label, attrs) => {
    const inputs = inputsOf(37, 5);
    const expected = await stockStep(inputs, attrs);
    const actual = fusedStep(inputs, attrs, [37]);
    expectSameBits(actual, expected);
  });

  it('moves a weight against its gradient, by about the learning rate on the first step', () => {
    const inputs: StepInputs = { value: Float32Array.of(1, 1), gradient: Float32Array.of(0.5, -2), m: new Float32Array(2), v: new Float32Array(2) };
    const [value, m, v] = fusedStep(inputs, FIRST_STEP, [2]);
    expect(value[0]).toBeCloseTo(1 - 1e-3, 6);
    expect(value[1]).toBeCloseTo(1 + 1e-3, 6);
    expect(Array.from(m)).toEqual([Math.fround(Math.fround(0.5) * Math.fround(1 - 0.9)), Math.fround(-2 * Math.fround(1 - 0.9))]);
    expect(v[1]).toBeCloseTo(4 * 0.001, 6);
  });

  it('refuses inputs that do not match the variable, naming the input', () => {
    const value = tf.zeros([4]);
    const gradient = tf.zeros([5]);
    expect(() => tf.engine().runKernel(ADAM_UPDATE, { value, gradient, m: value, v: value }, FIRST_STEP as unknown as tf.NamedAttrMap))
      .toThrow(/gradient must be float32 with 4 elements like the variable, got float32 \[5\]/);
    tf.dispose([value, gradient]);
  });
});
