/**
 * Conv2DBackpropFilter for the wasm backend, which ships none: the filter gradient is
 * itself a convolution, run on the backend's fast forward Conv2D (XNNPACK):
 *
 *   dW[a, b, ci, co] = sum_{n, oh, ow} xpad[n, a + oh*s, b + ow*s, ci] * dy[n, oh, ow, co]
 *
 * With x as [Ci, H, W, N] (Ci acts as the batch, N as the input channels) and dy as
 * [Ho, Wo, N, Co] (a kernel of Ho x Wo taps, dilated by the stride), a stride-1 conv gives
 * [Ci, kh, kw, Co]; one transpose makes it [kh, kw, Ci, Co]. NHWC only (the wasm Conv2D
 * itself supports nothing else); dilations are always 1 in tfjs's conv2d gradient.
 */
import * as tf from '@tensorflow/tfjs-core';
import { composeKernels, type BackendOps } from './backend-ops.js';
import { filterGradAxis, needsSlice, type AxisPlan } from './conv-geometry.js';

type Attrs = tf.Conv2DBackpropFilterAttrs;
type Shape4 = [number, number, number, number];

export function conv2dBackpropFilterWasm(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as Attrs;
  if (attrs.dataFormat === 'NCHW') {
    throw new Error('Conv2DBackpropFilter on wasm supports NHWC only (the wasm Conv2D has no NCHW either)');
  }
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as Shape4, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast',
  );
  checkDyShape(dy.shape, info.outShape);
  const rows = filterGradAxis({ inLen: info.inHeight, k: info.filterHeight, s: info.strideHeight, before: info.padInfo.top, outLen: info.outHeight });
  const cols = filterGradAxis({ inLen: info.inWidth, k: info.filterWidth, s: info.strideWidth, before: info.padInfo.left, outLen: info.outWidth });
  return composeKernels(args.backend, 'wasm', (ops) => filterGrad(ops, x, dy, info, rows, cols));
}

function filterGrad(ops: BackendOps, x: tf.TensorInfo, dy: tf.TensorInfo, info: tf.backend_util.Conv2DInfo, rows: AxisPlan, cols: AxisPlan): tf.TensorInfo {
  const xT = ops.run(tf.Transpose, { x }, { perm: [3, 1, 2, 0] });
  const dyT = ops.run(tf.Transpose, { x: dy }, { perm: [1, 2, 0, 3] });
  const conv = ops.run(tf.Conv2D, { x: xT, filter: dyT }, {
    strides: [1, 1],
    pad: [[0, 0], [rows.padBefore, rows.padAfter], [cols.padBefore, cols.padAfter], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [info.strideHeight, info.strideWidth],
    dimRoundingMode: 'floor',
  });
  const taps = needsSlice(rows) || needsSlice(cols)
    ? ops.run(tf.Slice, { x: conv }, { begin: [0, rows.keepFrom, cols.keepFrom, 0], size: [-1, rows.keep, cols.keep, -1] })
    : conv;
  return ops.run(tf.Transpose, { x: taps }, { perm: [1, 2, 0, 3] });
}

function checkDyShape(dyShape: number[], expected: number[]): void {
  if (dyShape.length !== 4 || dyShape.some((d, i) => d !== expected[i])) {
    throw new Error(`Conv2DBackpropFilter: dy has shape [${dyShape}], expected [${expected}]`);
  }
}
