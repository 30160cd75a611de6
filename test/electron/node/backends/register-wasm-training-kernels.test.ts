import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';

import {
  registerWasmTrainingKernels,
  restoreStockWasmKernels,
  WASM_TRAINING_KERNEL_NAMES,
  wasmTrainingKernelsRegistered,
} from '../../../../electron/node/backends/register-wasm-training-kernels';

const ADDED = ['Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'UnsortedSegmentSum'];

describe('registerWasmTrainingKernels', () => {
  it('registers the missing training kernels and the replaced ones', () => {
    expect(ADDED.every((name) => tf.getKernel(name, 'wasm') === undefined)).toBe(true);
    const registered = registerWasmTrainingKernels();
    expect(registered).toEqual([...WASM_TRAINING_KERNEL_NAMES]);
    expect(registered).toEqual(expect.arrayContaining([...ADDED, 'BatchMatMul', '_FusedMatMul', 'Conv2DBackpropInput', 'MaxPoolGrad', 'GatherV2', 'Slice']));
    expect(wasmTrainingKernelsRegistered()).toBe(true);
  });

  it('registers nothing when called again', () => {
    registerWasmTrainingKernels();
    const before = WASM_TRAINING_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc);
    expect(registerWasmTrainingKernels()).toEqual([]);
    expect(WASM_TRAINING_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm')?.kernelFunc)).toEqual(before);
  });

  it('keeps the stock setup function of a replaced kernel', () => {
    restoreStockWasmKernels();
    const stock = tf.getKernel('BatchMatMul', 'wasm');
    registerWasmTrainingKernels();
    const ours = tf.getKernel('BatchMatMul', 'wasm');
    expect(ours?.kernelFunc).not.toBe(stock?.kernelFunc);
    expect(ours?.setupFunc).toBe(stock?.setupFunc);
  });

  it('puts the stock kernels back and removes the added ones when restored', () => {
    registerWasmTrainingKernels();
    restoreStockWasmKernels();
    expect(wasmTrainingKernelsRegistered()).toBe(false);
    expect(ADDED.map((name) => tf.getKernel(name, 'wasm'))).toEqual([undefined, undefined, undefined, undefined]);
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBeDefined();
    expect(registerWasmTrainingKernels()).toEqual([...WASM_TRAINING_KERNEL_NAMES]);
  });
});
