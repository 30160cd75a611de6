import * as tf from '@tensorflow/tfjs';

import { heapOffset } from './heap-copy';
import { heapFunction } from './heap-function';
import type { KernelArgs, WasmBackendLike } from './wasm-kernel-scope';
import { Code, I32, V128, type ValueType, writeModule } from './wasm-module-writer';

/** A permutation that swaps two groups of axes after some leading ones it keeps. */
export interface BlockSwap {
  /** Product of the leading axes the permutation keeps in place. */
  batches: number;
  /** Product of the first swapped group (the rows of each matrix). */
  rows: number;
  /** Product of the second swapped group (the columns). */
  cols: number;
}

/**
 * Whether `perm` is, for `shape`, a batch of matrix transposes: `[0..b-1, k..n-1, b..k-1]` (e.g.
 * [1, 0] of a matrix, [0, 2, 1] of a batch, [0, 2, 3, 1] of NCHW -> NHWC). Null otherwise.
 */
export function blockSwap(shape: readonly number[], perm: readonly number[]): BlockSwap | null {
  const n = perm.length;
  let b = 0;
  while (b < n && perm[b] === b) b++;
  if (b >= n - 1) return null;
  const k = perm[b];
  for (let t = 0; t < n - b; t++) {
    const expected = t < n - k ? k + t : b + t - (n - k);
    if (perm[b + t] !== expected) return null;
  }
  const size = (from: number, to: number) => tf.util.sizeFromShape(shape.slice(from, to));
  return { batches: size(0, b), rows: size(b, k), cols: size(k, n) };
}

// transpose(in, out, batches, rows, cols): byte offsets, then counts. 4-byte elements.
const IN = 0, OUT = 1, BATCHES = 2, ROWS = 3, COLS = 4;
const B = 5, I = 6, J = 7, ROWS4 = 8, COLS4 = 9, ROW_BYTES = 10, COL_BYTES = 11, SRC = 12, DST = 13, BATCH_BYTES = 14;
const R = [15, 16, 17, 18];
const T = [19, 20, 21, 22];

function transposeModuleBytes(): Uint8Array<ArrayBuffer> {
  const c = new Code();
  c.get(ROWS).i32Const(-4).i32And().set(ROWS4);
  c.get(COLS).i32Const(-4).i32And().set(COLS4);
  c.get(COLS).i32Const(2).i32Shl().set(ROW_BYTES);
  c.get(ROWS).i32Const(2).i32Shl().set(COL_BYTES);
  c.get(ROWS).get(COLS).i32Mul().i32Const(2).i32Shl().set(BATCH_BYTES);
  /** out[j][i] = in[i][j], one element. */
  const copyOne = () => {
    c.get(OUT).get(J).get(COL_BYTES).i32Mul().i32Add().get(I).i32Const(2).i32Shl().i32Add();
    c.get(IN).get(I).get(ROW_BYTES).i32Mul().i32Add().get(J).i32Const(2).i32Shl().i32Add().i32Load();
    c.i32Store();
  };
  c.countUp(B, BATCHES, 1, () => {
    // 4x4 blocks: four rows in, four shuffles to pair them up, four more to finish the columns.
    c.i32Const(0).set(I);
    c.countUp(I, ROWS4, 4, () => {
      c.i32Const(0).set(J);
      c.countUp(J, COLS4, 4, () => {
        c.get(IN).get(I).get(ROW_BYTES).i32Mul().i32Add().get(J).i32Const(2).i32Shl().i32Add().set(SRC);
        for (const r of R) {
          c.get(SRC).v128Load().set(r);
          c.get(SRC).get(ROW_BYTES).i32Add().set(SRC);
        }
        c.get(R[0]).get(R[1]).shuffle32([0, 4, 1, 5]).set(T[0]); // a0 b0 a1 b1
        c.get(R[0]).get(R[1]).shuffle32([2, 6, 3, 7]).set(T[1]); // a2 b2 a3 b3
        c.get(R[2]).get(R[3]).shuffle32([0, 4, 1, 5]).set(T[2]); // c0 d0 c1 d1
        c.get(R[2]).get(R[3]).shuffle32([2, 6, 3, 7]).set(T[3]); // c2 d2 c3 d3
        c.get(OUT).get(J).get(COL_BYTES).i32Mul().i32Add().get(I).i32Const(2).i32Shl().i32Add().set(DST);
        const columns: Array<[number, number, [number, number, number, number]]> = [
          [T[0], T[2], [0, 1, 4, 5]], // a0 b0 c0 d0
          [T[0], T[2], [2, 3, 6, 7]], // a1 b1 c1 d1
          [T[1], T[3], [0, 1, 4, 5]],
          [T[1], T[3], [2, 3, 6, 7]],
        ];
        for (const [first, second, lanes] of columns) {
          c.get(DST).get(first).get(second).shuffle32(lanes).v128Store();
          c.get(DST).get(COL_BYTES).i32Add().set(DST);
        }
      });
    });
    // The last 0-3 columns of every row, then the last 0-3 rows of the other columns.
    c.i32Const(0).set(I);
    c.countUp(I, ROWS, 1, () => {
      c.get(COLS4).set(J);
      c.countUp(J, COLS, 1, copyOne);
    });
    c.get(ROWS4).set(I);
    c.countUp(I, ROWS, 1, () => {
      c.i32Const(0).set(J);
      c.countUp(J, COLS4, 1, copyOne);
    });
    c.get(IN).get(BATCH_BYTES).i32Add().set(IN);
    c.get(OUT).get(BATCH_BYTES).i32Add().set(OUT);
  });
  const params: ValueType[] = [I32, I32, I32, I32, I32];
  const locals: ValueType[] = [...Array<ValueType>(10).fill(I32), ...Array<ValueType>(8).fill(V128)];
  return writeModule([{ name: 'transpose', params, locals, body: c }]);
}

const transposeFunctionFor = heapFunction('transpose', transposeModuleBytes);

/**
 * Transpose for wasm, replacing the stock one for 4-byte elements (float32, int32) when the
 * permutation is a batch of matrix transposes ({@link blockSwap}), which is what backprop asks for
 * (Aᵀ for every dense layer's weight gradient). The stock kernel walks the output one element at a
 * time through generic index arithmetic; this one moves 4x4 blocks with SIMD shuffles. Other
 * permutations and dtypes go to the stock kernel.
 *
 * @param original the stock kernel.
 */
export function makeTransposeConfig(original: tf.KernelConfig): tf.KernelConfig {
  function transpose(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { perm } = args.attrs as unknown as tf.TransposeAttrs;
    const swap = x.dtype === 'float32' || x.dtype === 'int32' ? blockSwap(x.shape, perm) : null;
    if (swap === null || swap.batches * swap.rows * swap.cols === 0) return original.kernelFunc(args);
    const backend = args.backend as WasmBackendLike;
    const out = backend.makeOutput(perm.map((axis) => x.shape[axis]), x.dtype);
    transposeFunctionFor(backend)(heapOffset(backend, x), heapOffset(backend, out), swap.batches, swap.rows, swap.cols);
    return out;
  }
  return { ...original, kernelFunc: transpose as tf.KernelFunc };
}
