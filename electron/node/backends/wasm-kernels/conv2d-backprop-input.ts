import * as tf from '@tensorflow/tfjs';

import type { FilterGradGeometry } from './conv2d-backprop-filter';
import { type KernelArgs, type WasmKernelScope, withKernelScope } from './wasm-kernel-scope';

/** Geometry of a 2-D convolution's input gradient, NHWC, padding already resolved. */
export interface InputGradGeometry extends FilterGradGeometry {
  /** Height and width of the forward input, i.e. of the gradient to compute. */
  inHeight: number;
  inWidth: number;
}

/**
 * The geometry of a convolution as tfjs resolved it (`computeConv2DInfo`), in the terms the
 * gradient kernels take.
 *
 * @example gradGeometry({ inHeight: 5, inWidth: 5, filterHeight: 3, filterWidth: 3, strideHeight: 2,
 *   strideWidth: 2, dilationHeight: 1, dilationWidth: 1, padInfo: { top: 1, left: 1, ... }, ... })
 *   -> { inHeight: 5, inWidth: 5, filterHeight: 3, filterWidth: 3, strides: [2, 2], dilations: [1, 1], padTop: 1, padLeft: 1 }
 */
export function gradGeometry(info: tf.backend_util.Conv2DInfo): InputGradGeometry {
  return {
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strides: [info.strideHeight, info.strideWidth],
    dilations: [info.dilationHeight, info.dilationWidth],
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}

/**
 * Spreads dy apart by the stride and pads (or, for large explicit paddings, crops) it so that a
 * stride-1 correlation with the spatially reversed filter yields the input gradient:
 *
 *   dx[h] = sum over kh of D[h + padTop - kh*dh] f[kh]  where D is dy with stride-1 zeros between rows
 *         = sum over kh' of Dpad[h + kh'*dh] f[Kh-1-kh'] with Dpad = D padded by (Kh-1)*dh - padTop.
 *
 * Returns the prepared dy and the explicit padding (all >= 0) to give the stride-1 convolution.
 */
export function prepareTransposedConvInput(
  scope: WasmKernelScope,
  dy: tf.TensorInfo,
  geometry: InputGradGeometry,
): { input: tf.TensorInfo; pad: [[0, 0], [number, number], [number, number], [0, 0]] } {
  const { inHeight, inWidth, filterHeight, filterWidth, strides, dilations, padTop, padLeft } = geometry;
  const spread = scope.dilateSpatial(dy, strides);
  const top = (filterHeight - 1) * dilations[0] - padTop;
  const left = (filterWidth - 1) * dilations[1] - padLeft;
  const bottom = inHeight + (filterHeight - 1) * dilations[0] - top - spread.shape[1];
  const right = inWidth + (filterWidth - 1) * dilations[1] - left - spread.shape[2];
  // Negative amounts mean rows of dy that only ever met padding: drop them.
  const input = scope.padOrCrop(spread, [
    [0, 0],
    [Math.min(0, top), Math.min(0, bottom)],
    [Math.min(0, left), Math.min(0, right)],
    [0, 0],
  ]);
  return {
    input,
    pad: [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]],
  };
}

function conv2dBackpropInput({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    tf.backend_util.convertConv2DDataFormat(dataFormat),
  );
  const channelsLast = info.dataFormat === 'channelsLast';
  return withKernelScope(backend, (scope) => {
    const dyNHWC = channelsLast ? dy : scope.transpose(dy, [0, 2, 3, 1]);
    const prepared = prepareTransposedConvInput(scope, dyNHWC, gradGeometry(info));
    // [Kh, Kw, Ci, Co] reversed in space, with in and out channels exchanged.
    const flipped = scope.transpose(scope.reverse(filter, [0, 1]), [0, 1, 3, 2]);
    const dx = scope.run(
      'Conv2D',
      { x: prepared.input, filter: flipped },
      { strides: [1, 1], dilations: [1, 1], pad: prepared.pad, dataFormat: 'NHWC' },
    );
    return channelsLast ? dx : scope.transpose(dx, [0, 3, 1, 2]);
  });
}

/**
 * Conv2DBackpropInput for wasm, replacing the stock one: the gradient of Conv2D's input (and the
 * forward pass of Conv2DTranspose) as one XNNPACK convolution of the stride-spread dy with the
 * reversed filter. The stock kernel is a scalar loop, about 60 ms of a 130 ms step of a small MNIST
 * CNN at batch 128.
 */
export const conv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput as tf.KernelFunc,
};
