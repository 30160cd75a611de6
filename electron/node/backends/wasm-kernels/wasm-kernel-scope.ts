import * as tf from '@tensorflow/tfjs';

/**
 * The parts of tfjs-backend-wasm's `BackendWasm` that the workbench kernels use. Declared here
 * because the package's own typings reach into emscripten types that are not installed.
 */
export interface WasmBackendLike {
  dataIdMap: { get(dataId: tf.DataId): { id: number; memoryOffset: number; shape: number[] } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  /** A view (not a copy) of a tensor's memory on the wasm heap; invalid once the heap grows. */
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  /** The emscripten module: its heap views and its exports (`asm.memory` is the heap itself). */
  wasm: { HEAPU8: Uint8Array; asm: { memory: WebAssembly.Memory } };
}

/** The argument every kernel function receives. */
export interface KernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: {};
  attrs?: tf.NamedAttrMap;
}

/**
 * Runs wasm kernels from inside another wasm kernel and frees the intermediates.
 *
 * A composed kernel (e.g. Conv2DBackpropFilter built from Transpose and Conv2D) calls the kernel
 * functions the wasm backend registered, directly, with the backend it was given: no engine, no
 * tape, no tensors, only `TensorInfo`s. Every output goes on a list; `finish(result)` releases all
 * of them but `result`. Outputs that share memory with another (Reshape) hold their own reference,
 * so releasing both is safe.
 */
export class WasmKernelScope {
  readonly backend: WasmBackendLike;
  private readonly raw: {};
  private temps: tf.TensorInfo[] = [];

  constructor(backend: {}) {
    this.raw = backend;
    this.backend = backend as WasmBackendLike;
  }

  /** Runs the wasm kernel `kernelName` and keeps its output(s) for release. */
  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const outputs = this.runMulti(kernelName, inputs, attrs);
    return outputs[0];
  }

  /** Like {@link run}, for kernels with several outputs. */
  runMulti(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo[] {
    const kernel = tf.getKernel(kernelName, 'wasm');
    if (kernel === undefined) throw new Error(`The wasm backend has no ${kernelName} kernel.`);
    const out = kernel.kernelFunc({ inputs, backend: this.raw, attrs });
    const outputs = Array.isArray(out) ? out : [out];
    this.temps.push(...outputs);
    return outputs;
  }

  /** Keeps a tensor made with `backend.makeOutput` for release. */
  track(info: tf.TensorInfo): tf.TensorInfo {
    this.temps.push(info);
    return info;
  }

  transpose(x: tf.TensorInfo, perm: number[]): tf.TensorInfo {
    return perm.every((axis, i) => axis === i) ? x : this.run('Transpose', { x }, { perm });
  }

  reshape(x: tf.TensorInfo, shape: number[]): tf.TensorInfo {
    return sameShape(x.shape, shape) ? x : this.run('Reshape', { x }, { shape });
  }

  /** Zero padding; `paddings[i]` is `[before, after]` for axis i, both >= 0. */
  pad(x: tf.TensorInfo, paddings: Array<[number, number]>): tf.TensorInfo {
    return paddings.every(([a, b]) => a === 0 && b === 0) ? x : this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  slice(x: tf.TensorInfo, begin: number[], size: number[]): tf.TensorInfo {
    return begin.every((b) => b === 0) && sameShape(x.shape, size) ? x : this.run('Slice', { x }, { begin, size });
  }

  /**
   * Pads (positive amounts) or crops (negative amounts) each axis: `amounts[i]` is `[before, after]`.
   *
   * @example padOrCrop(x of shape [5], [[-1, 2]]) -> x[1..4] followed by two zeros, shape [6]
   */
  padOrCrop(x: tf.TensorInfo, amounts: Array<[number, number]>): tf.TensorInfo {
    const begin = amounts.map(([before]) => Math.max(0, -before));
    const size = amounts.map(([before, after], i) => x.shape[i] - Math.max(0, -before) - Math.max(0, -after));
    const cropped = this.slice(x, begin, size);
    return this.pad(cropped, amounts.map(([before, after]) => [Math.max(0, before), Math.max(0, after)]));
  }

  reverse(x: tf.TensorInfo, dims: number[]): tf.TensorInfo {
    return this.run('Reverse', { x }, { dims });
  }

  sum(x: tf.TensorInfo, axis: number[]): tf.TensorInfo {
    return axis.length === 0 ? x : this.run('Sum', { x }, { axis, keepDims: false });
  }

  /**
   * Spreads the two spatial axes of an NHWC tensor apart by inserting `stride - 1` zeros after
   * every row and column (the "fractionally strided" input of a transposed convolution).
   *
   * @example dilateSpatial(x of shape [1, 2, 2, 1] = [[a, b], [c, d]], [2, 2])
   *   -> shape [1, 4, 4, 1] = [[a, 0, b, 0], [0, 0, 0, 0], [c, 0, d, 0], [0, 0, 0, 0]]
   */
  dilateSpatial(x: tf.TensorInfo, strides: [number, number]): tf.TensorInfo {
    const [sh, sw] = strides;
    if (sh === 1 && sw === 1) return x;
    const [n, h, w, c] = x.shape;
    const spread = this.reshape(x, [n, h, 1, w, 1, c]);
    const padded = this.pad(spread, [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
    return this.reshape(padded, [n, h * sh, w * sw, c]);
  }

  /**
   * Releases every intermediate except `result`, and returns `result`. A `result` that is one of
   * the kernel's inputs (every step was a no-op) comes back as a new reference to the same memory,
   * since a kernel must not hand its input back as its output.
   */
  finish(result: tf.TensorInfo): tf.TensorInfo {
    const own = this.temps.includes(result) ? result : this.run('Reshape', { x: result }, { shape: result.shape });
    const temps = this.temps;
    this.temps = [];
    for (const info of temps) if (info !== own) this.backend.disposeData(info.dataId);
    return own;
  }

  /** Releases every intermediate (for the error path). */
  dispose(): void {
    const temps = this.temps;
    this.temps = [];
    for (const info of temps) this.backend.disposeData(info.dataId);
  }
}

/**
 * Runs `body` with a fresh scope: on success returns its result with the intermediates released,
 * on error releases them all and rethrows.
 */
export function withKernelScope(backend: {}, body: (scope: WasmKernelScope) => tf.TensorInfo): tf.TensorInfo {
  const scope = new WasmKernelScope(backend);
  try {
    return scope.finish(body(scope));
  } catch (error) {
    scope.dispose();
    throw error;
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}
