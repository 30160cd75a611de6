import * as tf from '@tensorflow/tfjs';

import { type KernelArgs, withKernelScope } from './wasm-kernel-scope';

/**
 * Below this many multiply-adds per matrix, the stock kernel's scalar loop beats one XNNPACK call
 * per batch entry (each call packs its right-hand operand).
 */
const MIN_SPLIT_MACS = 32 * 32 * 32;

/** Swaps the last two axes. */
function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * BatchMatMul for wasm, replacing the stock one. The stock kernel calls XNNPACK's GEMM (15-30
 * GFLOP/s on one core here) only for a single matrix with neither operand transposed, and falls
 * back to a scalar loop (1-2 GFLOP/s) otherwise; backprop asks for A·Bᵀ (input gradient) and Aᵀ·B
 * (weight gradient) on every step. This one materialises the transposes with the wasm Transpose
 * kernel (memory-bound, a few percent of the GEMM) and folds or splits the batch axes so that every
 * large product reaches XNNPACK:
 * - one matrix each: transpose as needed, one GEMM;
 * - a batch of A against one B: the batch folds into A's rows, one GEMM;
 * - a batch against a batch (or one A against a batch of B) of large matrices: one GEMM per entry;
 * - anything else (small matrices, non-float32): the stock kernel.
 *
 * @param original the stock kernel.
 */
export function makeBatchMatMulConfig(original: tf.KernelConfig): tf.KernelConfig {
  function batchMatMul(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { inputs, attrs, backend } = args;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original.kernelFunc(args);
    const aRank = a.shape.length;
    const bRank = b.shape.length;
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    if (!transposeA && !transposeB && batchA === 1 && batchB === 1) return original.kernelFunc(args);
    const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
    const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
    const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
    const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
    if (k !== kB) return original.kernelFunc(args); // let the stock kernel word the error
    const outBatch = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    const outShape = [...outBatch, m, n];
    const gemm = (left: tf.TensorInfo, right: tf.TensorInfo): tf.TensorInfo =>
      original.kernelFunc({
        inputs: { a: left, b: right },
        backend,
        attrs: { transposeA: false, transposeB: false },
      }) as tf.TensorInfo;

    if (batchB === 1) {
      return withKernelScope(backend, (scope) => {
        const left = transposeA ? scope.transpose(a, lastTwoSwapped(aRank)) : a;
        const right = transposeB ? scope.transpose(b, lastTwoSwapped(bRank)) : b;
        const product = scope.track(gemm(scope.reshape(left, [1, batchA * m, k]), scope.reshape(right, [1, k, n])));
        return scope.reshape(product, outShape);
      });
    }
    const batches = Math.max(batchA, batchB);
    if ((batchA !== batchB && batchA !== 1) || m * n * k < MIN_SPLIT_MACS) return original.kernelFunc(args);
    return withKernelScope(backend, (scope) => {
      const left = scope.reshape(transposeA ? scope.transpose(a, lastTwoSwapped(aRank)) : a, [batchA, m, k]);
      const right = scope.reshape(transposeB ? scope.transpose(b, lastTwoSwapped(bRank)) : b, [batchB, k, n]);
      const products: tf.TensorInfo[] = [];
      for (let i = 0; i < batches; i++) {
        const leftI = batchA === 1 ? left : scope.slice(left, [i, 0, 0], [1, m, k]);
        const rightI = scope.slice(right, [i, 0, 0], [1, k, n]);
        products.push(scope.track(gemm(leftI, rightI)));
      }
      const stacked = scope.run('Concat', products as unknown as tf.NamedTensorInfoMap, { axis: 0 });
      return scope.reshape(stacked, outShape);
    });
  }
  return { ...original, kernelFunc: batchMatMul as tf.KernelFunc };
}

/**
 * _FusedMatMul (matmul + bias + activation) for wasm, replacing the stock one: same XNNPACK
 * condition as BatchMatMul. Transposed operands of a single matrix product are materialised; other
 * cases go to the stock kernel. Layers use it untransposed, so this matters only for callers of
 * `tf.fused.matMul` with transposes.
 *
 * @param original the stock kernel.
 */
export function makeFusedMatMulConfig(original: tf.KernelConfig): tf.KernelConfig {
  function fusedMatMul(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { inputs, attrs, backend } = args;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf._FusedMatMulAttrs;
    const single = a.shape.length === 3 && b.shape.length === 3 && a.shape[0] === 1 && b.shape[0] === 1;
    if ((!transposeA && !transposeB) || !single || a.dtype !== 'float32' || b.dtype !== 'float32') {
      return original.kernelFunc(args);
    }
    return withKernelScope(backend, (scope) => {
      const left = transposeA ? scope.transpose(a, [0, 2, 1]) : a;
      const right = transposeB ? scope.transpose(b, [0, 2, 1]) : b;
      return scope.track(
        original.kernelFunc({
          inputs: { ...inputs, a: left, b: right },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        }) as tf.TensorInfo,
      );
    });
  }
  return { ...original, kernelFunc: fusedMatMul as tf.KernelFunc };
}
