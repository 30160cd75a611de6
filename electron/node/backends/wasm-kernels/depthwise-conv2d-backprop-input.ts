import * as tf from '@tensorflow/tfjs';

import { gradGeometry, prepareTransposedConvInput } from './conv2d-backprop-input';
import { type KernelArgs, withKernelScope } from './wasm-kernel-scope';

function depthwiseConv2dBackpropInput({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { dy, filter } = inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, inputShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    inputShape,
    filter.shape as [number, number, number, number],
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const [filterHeight, filterWidth, channels, multiplier] = filter.shape;
  return withKernelScope(backend, (scope) => {
    const prepared = prepareTransposedConvInput(scope, dy, gradGeometry(info));
    // dy channel c*M + m pairs with filter [.., c, m]: one depthwise pass over the C*M channels of
    // dy (multiplier 1), then the M partial sums of each input channel are added.
    const flipped = scope.reshape(scope.reverse(filter, [0, 1]), [filterHeight, filterWidth, channels * multiplier, 1]);
    const perChannel = scope.run(
      'DepthwiseConv2dNative',
      { x: prepared.input, filter: flipped },
      {
        strides: [1, 1],
        dilations: [info.dilationHeight, info.dilationWidth],
        pad: prepared.pad,
        dataFormat: 'NHWC',
      },
    );
    if (multiplier === 1) return perChannel;
    const [n, h, w] = perChannel.shape;
    return scope.sum(scope.reshape(perChannel, [n, h, w, channels, multiplier]), [4]);
  });
}

/**
 * DepthwiseConv2dNativeBackpropInput for wasm (the input gradient of DepthwiseConv2D and
 * SeparableConv2D), which tfjs-backend-wasm 4.22 lacks: one XNNPACK depthwise convolution of the
 * stride-spread dy with the reversed filter. Any stride, dilation, padding and channel multiplier.
 */
export const depthwiseConv2dBackpropInputConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropInput,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropInput as tf.KernelFunc,
};
