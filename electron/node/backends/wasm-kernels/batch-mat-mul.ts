import * as tf from '@tensorflow/tfjs';

import { gemm } from './gemm';
import { heapOffset } from './heap-copy';
import { type KernelArgs, withKernelScope } from './wasm-kernel-scope';

/** Swaps the last two axes. */
function lastTwoSwapped(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * BatchMatMul for wasm, replacing the stock one for float32. The stock kernel calls XNNPACK's GEMM
 * only for a single matrix with neither operand transposed (and repacks B on every call with a new
 * B: every training step) and falls back to a scalar loop (1-2 GFLOP/s) otherwise; backprop asks
 * for A·Bᵀ (input gradient) and Aᵀ·B (weight gradient) on every step. This one runs the workbench's
 * SIMD GEMM (`gemm.ts`), which reads A transposed or not and B as it lies; a transposed B is first
 * transposed (SIMD, memory-bound). Batches: each A against one B folds into one product; equal
 * batches, or one A against a batch of B, run one product per entry. Other broadcasts and other
 * dtypes go to the stock kernel.
 *
 * @param original the stock kernel.
 */
export function makeBatchMatMulConfig(original: tf.KernelConfig): tf.KernelConfig {
  function batchMatMul(args: KernelArgs): tf.TensorInfo | tf.TensorInfo[] {
    const { inputs, attrs } = args;
    const { a, b } = inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
    if (a.dtype !== 'float32' || b.dtype !== 'float32') return original.kernelFunc(args);
    const aRank = a.shape.length;
    const bRank = b.shape.length;
    const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
    const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
    const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
    const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
    const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
    const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
    if (k !== kB) return original.kernelFunc(args); // let the stock kernel word the error
    const outBatch = tf.backend_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
    if (batchA !== batchB && batchB !== 1 && batchA !== 1) return original.kernelFunc(args);
    const batches = Math.max(batchA, batchB);
    return withKernelScope(args.backend, (scope) => {
      const { backend } = scope;
      const right = transposeB ? scope.transpose(b, lastTwoSwapped(bRank)) : b;
      const out = scope.track(backend.makeOutput([...outBatch, m, n], 'float32'));
      if (batches * m * n === 0) return out;
      const [aAt, bAt, outAt] = [heapOffset(backend, a), heapOffset(backend, right), heapOffset(backend, out)];
      if (batchB === 1 && !transposeA) {
        gemm(backend, aAt, bAt, outAt, batchA * m, k, n, false);
        return out;
      }
      for (let i = 0; i < batches; i++) {
        const aEntry = aAt + (batchA === 1 ? 0 : i * m * k * 4);
        const bEntry = bAt + (batchB === 1 ? 0 : i * k * n * 4);
        gemm(backend, aEntry, bEntry, outAt + i * m * n * 4, m, k, n, transposeA);
      }
      return out;
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
