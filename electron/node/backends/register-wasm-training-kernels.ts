import * as tf from '@tensorflow/tfjs';
// Registers the wasm backend and its stock kernels, which some of ours wrap.
import '@tensorflow/tfjs-backend-wasm';

import { adamUpdateConfig } from './wasm-kernels/adam-update';
import { makeBatchMatMulConfig, makeFusedMatMulConfig } from './wasm-kernels/batch-mat-mul';
import { conv2dBackpropFilterConfig } from './wasm-kernels/conv2d-backprop-filter';
import { conv2dBackpropInputConfig } from './wasm-kernels/conv2d-backprop-input';
import { depthwiseConv2dBackpropFilterConfig } from './wasm-kernels/depthwise-conv2d-backprop-filter';
import { depthwiseConv2dBackpropInputConfig } from './wasm-kernels/depthwise-conv2d-backprop-input';
import { makeGatherV2Config } from './wasm-kernels/gather-v2';
import { maxPoolGradConfig } from './wasm-kernels/max-pool-grad';
import { makeSliceConfig } from './wasm-kernels/slice';
import { makeSumConfig } from './wasm-kernels/sum';
import { makeTransposeConfig } from './wasm-kernels/transpose';
import { unsortedSegmentSumConfig } from './wasm-kernels/unsorted-segment-sum';

/** A kernel the workbench registers for wasm: new, or in place of the stock one (which it may call). */
interface WorkbenchKernel {
  kernelName: string;
  make: (stock: tf.KernelConfig | undefined) => tf.KernelConfig;
}

const fixed = (config: tf.KernelConfig): WorkbenchKernel => ({ kernelName: config.kernelName, make: () => config });
const wrapping = (kernelName: string, make: (stock: tf.KernelConfig) => tf.KernelConfig): WorkbenchKernel => ({
  kernelName,
  make: (stock) => {
    if (stock === undefined) throw new Error(`The wasm backend has no ${kernelName} kernel to wrap.`);
    return make(stock);
  },
});

const KERNELS: WorkbenchKernel[] = [
  // Missing from tfjs-backend-wasm 4.22: without them Conv, DepthwiseConv, SeparableConv and
  // Embedding layers cannot train on wasm.
  fixed(conv2dBackpropFilterConfig),
  fixed(depthwiseConv2dBackpropFilterConfig),
  fixed(depthwiseConv2dBackpropInputConfig),
  fixed(unsortedSegmentSumConfig),
  // The workbench's own: one Adam step per variable in one pass (FusedAdamOptimizer uses it).
  fixed(adamUpdateConfig),
  // Stock kernels replaced: wrong (MaxPoolGrad) or far off XNNPACK speed.
  fixed(conv2dBackpropInputConfig),
  fixed(maxPoolGradConfig),
  wrapping(tf.BatchMatMul, makeBatchMatMulConfig),
  wrapping(tf._FusedMatMul, makeFusedMatMulConfig),
  wrapping(tf.GatherV2, makeGatherV2Config),
  wrapping(tf.Slice, makeSliceConfig),
  wrapping(tf.Transpose, makeTransposeConfig),
  wrapping(tf.Sum, makeSumConfig),
];

/** The stock kernel configs we replaced, by name (undefined: there was none). */
const stockKernels = new Map<string, tf.KernelConfig | undefined>();
/** Our kernel functions, to recognise them in the registry. */
const ourKernelFuncs = new WeakSet<tf.KernelFunc>();

/** The kernels {@link registerWasmTrainingKernels} registers for wasm, by kernel name. */
export const WASM_TRAINING_KERNEL_NAMES: readonly string[] = KERNELS.map((kernel) => kernel.kernelName);

/**
 * Registers the workbench's wasm kernels: the training kernels tfjs-backend-wasm 4.22 lacks
 * (Conv2DBackpropFilter, DepthwiseConv2dNativeBackpropFilter/Input, UnsortedSegmentSum) and faster
 * or corrected versions of stock ones (BatchMatMul, _FusedMatMul, Conv2DBackpropInput, MaxPoolGrad,
 * GatherV2, Slice, Transpose, Sum), and the fused Adam step FusedAdamOptimizer runs. Each was checked
 * against the cpu backend's kernel (the Adam step against tfjs's Adam).
 *
 * Idempotent: kernels already registered by an earlier call are left alone. Works before or after
 * the wasm backend is initialised (a replaced kernel keeps the stock one's setup function).
 *
 * @returns the names of the kernels registered by this call (empty when all already were).
 */
export function registerWasmTrainingKernels(): string[] {
  const registered: string[] = [];
  for (const kernel of KERNELS) {
    const current = tf.getKernel(kernel.kernelName, 'wasm');
    if (current !== undefined && ourKernelFuncs.has(current.kernelFunc)) continue;
    if (!stockKernels.has(kernel.kernelName)) stockKernels.set(kernel.kernelName, current);
    const stock = stockKernels.get(kernel.kernelName);
    const ours = kernel.make(stock);
    const config: tf.KernelConfig = stock === undefined ? ours : { ...stock, kernelFunc: ours.kernelFunc };
    ourKernelFuncs.add(config.kernelFunc);
    if (current !== undefined) tf.unregisterKernel(kernel.kernelName, 'wasm');
    tf.registerKernel(config);
    registered.push(kernel.kernelName);
  }
  return registered;
}

/** Whether every kernel of {@link registerWasmTrainingKernels} is currently registered for wasm. */
export function wasmTrainingKernelsRegistered(): boolean {
  return KERNELS.every((kernel) => {
    const current = tf.getKernel(kernel.kernelName, 'wasm');
    return current !== undefined && ourKernelFuncs.has(current.kernelFunc);
  });
}

/**
 * Puts back the stock wasm kernels (and removes the added ones), for A/B measurements and for
 * ruling the workbench kernels out when hunting a bug. Idempotent.
 */
export function restoreStockWasmKernels(): void {
  for (const kernel of KERNELS) {
    const current = tf.getKernel(kernel.kernelName, 'wasm');
    if (current === undefined || !ourKernelFuncs.has(current.kernelFunc)) continue;
    tf.unregisterKernel(kernel.kernelName, 'wasm');
    const stock = stockKernels.get(kernel.kernelName);
    if (stock !== undefined) tf.registerKernel(stock);
  }
}
