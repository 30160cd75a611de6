/**
 * Runs one kernel on the cpu and the wasm backend with the same inputs, for the parity tests of
 * the workbench's wasm kernels. The cpu kernels are the reference (except where a test says why).
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

import { selectBackend } from '../../../../electron/node/backends/select-backend';

/** Starts both backends; wasm with the workbench kernels, and leaves wasm active. */
export async function startBothBackends(): Promise<void> {
  await tf.setBackend('cpu');
  await selectBackend({ backend: 'wasm' });
}

/** Deterministic values in [-1, 1) (a linear congruential generator). */
export function seededValues(size: number, seed: number): Float32Array {
  const values = new Float32Array(size);
  let state = (seed * 2654435761) % 2147483648;
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    values[i] = (state / 2147483648) * 2 - 1;
  }
  return values;
}

/** An input: its values, shape and dtype (float32 by default). */
export interface InputSpec {
  values: ArrayLike<number> | boolean[];
  shape: number[];
  dtype?: tf.DataType;
}

/** A float32 input of the given shape filled with {@link seededValues}. */
export function randomInput(shape: number[], seed: number): InputSpec {
  return { values: seededValues(tf.util.sizeFromShape(shape), seed), shape };
}

/** The output of a kernel as plain data. */
export interface KernelResult {
  shape: number[];
  dtype: tf.DataType;
  values: number[];
}

/**
 * Runs `kernelName` on `backend` with fresh tensors made from `inputs`, returns its (first) output
 * as plain data, and checks that the run leaked no tensor and no backend buffer.
 */
export async function runKernelOn(
  backend: 'cpu' | 'wasm',
  kernelName: string,
  inputs: Record<string, InputSpec>,
  attrs: tf.NamedAttrMap,
): Promise<KernelResult> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const buffersBefore = tf.backend().numDataIds();
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    tensors[name] = tf.tensor(spec.values as number[], spec.shape, spec.dtype ?? 'float32');
  }
  const out = tf.engine().runKernel(kernelName, tensors, attrs) as tf.Tensor | tf.Tensor[];
  const first = Array.isArray(out) ? out[0] : out;
  const result = { shape: first.shape, dtype: first.dtype, values: Array.from(await first.data() as ArrayLike<number>) };
  for (const t of [...Object.values(tensors), ...(Array.isArray(out) ? out : [out])]) t.dispose();
  expect(tf.memory().numTensors).toBe(before);
  // Buffers the backend holds: a kernel that forgot an intermediate leaks here, not in numTensors.
  expect(tf.backend().numDataIds()).toBe(buffersBefore);
  await tf.setBackend('wasm');
  return result;
}

/** Runs the kernel on both backends: `{ cpu, wasm }`. */
export async function runOnBoth(
  kernelName: string,
  inputs: Record<string, InputSpec>,
  attrs: tf.NamedAttrMap,
): Promise<{ cpu: KernelResult; wasm: KernelResult }> {
  const cpu = await runKernelOn('cpu', kernelName, inputs, attrs);
  const wasm = await runKernelOn('wasm', kernelName, inputs, attrs);
  return { cpu, wasm };
}

/**
 * Asserts same shape and dtype, and values within `tolerance` relative to the largest magnitude
 * of the expected ones (element-wise relative error is meaningless for sums that cancel to ~0).
 */
export function expectClose(actual: KernelResult, expected: KernelResult, tolerance = 1e-4): void {
  expect(actual.shape).toEqual(expected.shape);
  expect(actual.dtype).toBe(expected.dtype);
  let scale = 1e-6;
  for (const value of expected.values) scale = Math.max(scale, Math.abs(value));
  let worst = 0;
  for (let i = 0; i < expected.values.length; i++) {
    worst = Math.max(worst, Math.abs(actual.values[i] - expected.values[i]));
  }
  expect(worst / scale).toBeLessThanOrEqual(tolerance);
}
