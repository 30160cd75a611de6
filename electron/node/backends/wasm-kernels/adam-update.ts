import * as tf from '@tensorflow/tfjs';

import { heapOffset } from './heap-copy';
import { heapFunction } from './heap-function';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';
import { Code, F32, I32, V128, type ValueType, writeModule } from './wasm-module-writer';

/** The kernel name: one Adam step for one variable. Not a tfjs kernel; the workbench's own. */
export const ADAM_UPDATE = 'WorkbenchAdamUpdate';

/** The attributes of {@link ADAM_UPDATE}. */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** beta1 to the power of this step's number, as the optimizer keeps it (a float32). */
  accBeta1: number;
  /** beta2 to the power of this step's number (a float32). */
  accBeta2: number;
}

// The exported function's parameters: byte offsets of the four inputs and three outputs on the
// heap, the element count, then the float32 constants of the step.
const W = 0, G = 1, M = 2, V = 3, OUT_W = 4, OUT_M = 5, OUT_V = 6, COUNT = 7;
const CONSTANTS = { beta1: 8, oneMinusBeta1: 9, beta2: 10, oneMinusBeta2: 11, correction1: 12, correction2: 13, epsilon: 14, negLr: 15 };
type Constants = typeof CONSTANTS;
const PARAMS: ValueType[] = [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32, F32];
// Locals after the parameters.
const I = 16, END = 17, VECTOR_END = 18;
const SCALAR_TEMPS = { g: 19, m: 20, v: 21 };
const VECTOR_TEMPS = { g: 22, m: 23, v: 24 };
const SPLATS: Constants = { beta1: 25, oneMinusBeta1: 26, beta2: 27, oneMinusBeta2: 28, correction1: 29, correction2: 30, epsilon: 31, negLr: 32 };
const LOCALS: ValueType[] = [I32, I32, I32, F32, F32, F32, V128, V128, V128, ...Object.values(SPLATS).map((): ValueType => V128)];

/** The float arithmetic of one lane width: 1 element (f32) or 4 (f32x4). */
interface Lanes {
  bytes: number;
  load(c: Code): void;
  store(c: Code): void;
  add(c: Code): void;
  mul(c: Code): void;
  div(c: Code): void;
  sqrt(c: Code): void;
}

const SCALAR: Lanes = {
  bytes: 4,
  load: (c) => c.f32Load(),
  store: (c) => c.f32Store(),
  add: (c) => c.f32Add(),
  mul: (c) => c.f32Mul(),
  div: (c) => c.f32Div(),
  sqrt: (c) => c.f32Sqrt(),
};

const VECTOR: Lanes = {
  bytes: 16,
  load: (c) => c.v128Load(),
  store: (c) => c.v128Store(),
  add: (c) => c.f32x4Add(),
  mul: (c) => c.f32x4Mul(),
  div: (c) => c.f32x4Div(),
  sqrt: (c) => c.f32x4Sqrt(),
};

/**
 * One Adam step on the elements at byte offset I, in the order and float32 rounding of tfjs's
 * AdamOptimizer (so that the result is bit for bit the stock one):
 *   m' = m·β1 + g·(1-β1);  v' = v·β2 + g²·(1-β2);  w' = (m'/(1-β1ᵗ)) / (√(v'/(1-β2ᵗ)) + ε) · (-lr) + w
 */
function emitStep(c: Code, lanes: Lanes, t: typeof SCALAR_TEMPS, k: Constants): void {
  const at = (base: number) => c.get(base).get(I).i32Add();
  at(G);
  lanes.load(c);
  c.set(t.g);
  at(M);
  lanes.load(c);
  c.get(k.beta1);
  lanes.mul(c);
  c.get(t.g).get(k.oneMinusBeta1);
  lanes.mul(c);
  lanes.add(c);
  c.set(t.m);
  at(V);
  lanes.load(c);
  c.get(k.beta2);
  lanes.mul(c);
  c.get(t.g).get(t.g);
  lanes.mul(c);
  c.get(k.oneMinusBeta2);
  lanes.mul(c);
  lanes.add(c);
  c.set(t.v);
  at(OUT_M);
  c.get(t.m);
  lanes.store(c);
  at(OUT_V);
  c.get(t.v);
  lanes.store(c);
  at(OUT_W);
  c.get(t.m).get(k.correction1);
  lanes.div(c);
  c.get(t.v).get(k.correction2);
  lanes.div(c);
  lanes.sqrt(c);
  c.get(k.epsilon);
  lanes.add(c);
  lanes.div(c);
  c.get(k.negLr);
  lanes.mul(c);
  at(W);
  lanes.load(c);
  lanes.add(c);
  lanes.store(c);
}

function adamModuleBytes(): Uint8Array<ArrayBuffer> {
  const c = new Code();
  c.get(COUNT).i32Const(2).i32Shl().set(END);
  c.get(END).i32Const(-16).i32And().set(VECTOR_END);
  for (const key of Object.keys(CONSTANTS) as Array<keyof Constants>) c.get(CONSTANTS[key]).f32x4Splat().set(SPLATS[key]);
  // Four elements at a time, then the remaining 0-3 one by one.
  c.countUp(I, VECTOR_END, VECTOR.bytes, () => emitStep(c, VECTOR, VECTOR_TEMPS, SPLATS));
  c.countUp(I, END, SCALAR.bytes, () => emitStep(c, SCALAR, SCALAR_TEMPS, CONSTANTS));
  return writeModule([{ name: 'adam_update', params: PARAMS, locals: LOCALS, body: c }]);
}

const adamFunctionFor = heapFunction('adam_update', adamModuleBytes);

/**
 * One Adam step for one variable in a single pass over memory: inputs `value`, `gradient`, `m`,
 * `v` (float32, same size); outputs the new value, m and v. tfjs's AdamOptimizer runs about 14
 * kernels per variable (each a pass over memory and an engine round trip); this one is a SIMD loop
 * built at run time (wasm-module-writer) that shares the wasm backend's heap, with the same
 * float32 operations in the same order, so the results are identical.
 */
function adamUpdate(args: KernelArgs): tf.TensorInfo[] {
  const backend = args.backend as WasmBackendLike;
  const { value, gradient, m, v } = args.inputs as Record<'value' | 'gradient' | 'm' | 'v', tf.TensorInfo>;
  const attrs = args.attrs as unknown as AdamUpdateAttrs;
  const count = tf.util.sizeFromShape(value.shape);
  for (const [label, tensor] of Object.entries({ value, gradient, m, v })) {
    if (tensor.dtype !== 'float32' || tf.util.sizeFromShape(tensor.shape) !== count) {
      throw new Error(`${ADAM_UPDATE}: ${label} must be float32 with ${count} elements like the variable, got ${tensor.dtype} [${tensor.shape.join(', ')}].`);
    }
  }
  const fn = adamFunctionFor(backend);
  const outputs = [backend.makeOutput(value.shape, 'float32'), backend.makeOutput(value.shape, 'float32'), backend.makeOutput(value.shape, 'float32')];
  const offset = (info: tf.TensorInfo) => heapOffset(backend, info);
  fn(
    offset(value), offset(gradient), offset(m), offset(v), offset(outputs[0]), offset(outputs[1]), offset(outputs[2]), count,
    attrs.beta1, 1 - attrs.beta1, attrs.beta2, 1 - attrs.beta2, 1 - attrs.accBeta1, 1 - attrs.accBeta2, attrs.epsilon, -attrs.learningRate,
  );
  return outputs;
}

export const adamUpdateConfig: tf.KernelConfig = {
  kernelName: ADAM_UPDATE,
  backendName: 'wasm',
  kernelFunc: adamUpdate as unknown as tf.KernelFunc,
};
