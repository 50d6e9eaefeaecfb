/** The geometry of a pooling gradient, as both MaxPoolGrad paths (JS and SIMD) take it. */
import * as tf from '@tensorflow/tfjs-core';

/** The geometry the kernel needs; computePool2DInfo's fields of the same names. */
export interface PoolGeometry {
  batchSize: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  strideHeight: number;
  strideWidth: number;
  effectiveFilterHeight: number;
  effectiveFilterWidth: number;
  padTop: number;
  padLeft: number;
}

export function poolGeometry(attrs: tf.MaxPoolGradAttrs, inputShape: number[]): PoolGeometry {
  const info = tf.backend_util.computePool2DInfo(
    inputShape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode,
  );
  return {
    batchSize: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    effectiveFilterHeight: info.effectiveFilterHeight,
    effectiveFilterWidth: info.effectiveFilterWidth,
    padTop: info.padInfo.top,
    padLeft: info.padInfo.left,
  };
}
