import * as tf from '@tensorflow/tfjs';

import { type KernelArgs, withKernelScope } from './wasm-kernel-scope';

function depthwiseConv2dBackpropFilter({ inputs, backend, attrs }: KernelArgs): tf.TensorInfo {
  const { x, dy } = inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const { strides, dilations, pad, dimRoundingMode, filterShape } =
    attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    dilations,
    pad,
    dimRoundingMode,
    true,
  );
  const [filterHeight, filterWidth, channels, multiplier] = filterShape;
  const [batch, inHeight, inWidth] = x.shape;
  const [, outHeight, outWidth] = dy.shape;
  return withKernelScope(backend, (scope) => {
    // dW[kh, kw, c, m] = sum over n, oh, ow of xpad[n, oh*sh + kh*dh, ow*sw + kw*dw, c] * dy[n, oh, ow, c*M + m]:
    // per channel c, a correlation of x with dy over the batch. As one depthwise convolution: the
    // N*C (image, channel) pairs become channels of a single image, dy becomes an Ho x Wo filter
    // with multiplier M, the forward stride becomes the dilation and vice versa; the N partial
    // filters are then summed.
    const xAsChannels = scope.reshape(scope.transpose(x, [1, 2, 0, 3]), [1, inHeight, inWidth, batch * channels]);
    const dyAsFilter = scope.reshape(
      scope.transpose(scope.reshape(dy, [batch, outHeight, outWidth, channels, multiplier]), [1, 2, 0, 3, 4]),
      [outHeight, outWidth, batch * channels, multiplier],
    );
    const padTop = info.padInfo.top;
    const padLeft = info.padInfo.left;
    const neededHeight = (filterHeight - 1) * info.dilationHeight + (outHeight - 1) * info.strideHeight + 1;
    const neededWidth = (filterWidth - 1) * info.dilationWidth + (outWidth - 1) * info.strideWidth + 1;
    const grad = scope.run(
      'DepthwiseConv2dNative',
      { x: xAsChannels, filter: dyAsFilter },
      {
        strides: [info.dilationHeight, info.dilationWidth],
        dilations: [info.strideHeight, info.strideWidth],
        pad: [
          [0, 0],
          [padTop, Math.max(0, neededHeight - padTop - inHeight)],
          [padLeft, Math.max(0, neededWidth - padLeft - inWidth)],
          [0, 0],
        ],
        dataFormat: 'NHWC',
      },
    );
    const cropped = scope.slice(grad, [0, 0, 0, 0], [1, filterHeight, filterWidth, batch * channels * multiplier]);
    const perImage = scope.reshape(cropped, [filterHeight, filterWidth, batch, channels * multiplier]);
    return scope.reshape(scope.sum(perImage, [2]), filterShape);
  });
}

/**
 * DepthwiseConv2dNativeBackpropFilter for wasm (the filter gradient of DepthwiseConv2D and
 * SeparableConv2D), which tfjs-backend-wasm 4.22 lacks. Any stride, dilation, padding and channel
 * multiplier.
 */
export const depthwiseConv2dBackpropFilterConfig: tf.KernelConfig = {
  kernelName: tf.DepthwiseConv2dNativeBackpropFilter,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropFilter as tf.KernelFunc,
};
