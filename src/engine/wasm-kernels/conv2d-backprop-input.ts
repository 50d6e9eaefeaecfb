/**
 * A faster Conv2DBackpropInput for the wasm backend. The stock kernel is a scalar loop
 * (about 3 GFLOP/s on one core); the input gradient of a conv is a stride-1 conv of the
 * zero-inserted dy with the spatially flipped, in/out-swapped filter, which runs on the
 * backend's XNNPACK Conv2D at about 30 GFLOP/s:
 *
 *   dx = conv2d(zeroInsert(dy, s), transpose(reverse(W, [0, 1]), [0, 1, 3, 2]), 1, pads)
 *
 * Zero insertion multiplies the work by sh * sw, so large strides are left to the stock
 * kernel (see `preferStock`), as is NCHW. The geometry lives in conv-geometry.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult, StockKernel } from '../kernel-overrides.js';
import { composeKernels, type BackendOps } from './backend-ops.js';
import { inputGradAxis, needsSlice, type InputAxisPlan } from './conv-geometry.js';

type Attrs = tf.Conv2DBackpropInputAttrs;

/**
 * Above this many multiply-adds per useful one (sh * sw) the zero-inserted conv loses to
 * the stock kernel (measured in bench/conv-kernels.ts). Settable for tests and benchmarks.
 */
let maxZeroInsertFactor = 4;

export function setMaxZeroInsertFactor(factor: number): number {
  const previous = maxZeroInsertFactor;
  maxZeroInsertFactor = factor;
  return previous;
}

/** The fast path where it pays, else the stock kernel (with a one-time notice saying why). */
export function conv2dBackpropInputWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as Attrs;
  const info = conv2dInfoForInputGrad(attrs, filter.shape);
  const why = preferStock(attrs, info);
  if (why === null) return conv2dBackpropInputFast(args.backend, dy, filter, info);
  return stock.fallback(why, args);
}

/** Why this call cannot take the fast path, or null when it can. */
function preferStock(attrs: Attrs, info: tf.backend_util.Conv2DInfo): string | null {
  if (attrs.dataFormat === 'NCHW') return 'NCHW data format';
  const factor = info.strideHeight * info.strideWidth;
  if (factor > maxZeroInsertFactor) return `strides ${info.strideHeight}x${info.strideWidth} (zero insertion would do ${factor}x the work)`;
  return null;
}

function conv2dInfoForInputGrad(attrs: Attrs, filterShape: number[]): tf.backend_util.Conv2DInfo {
  return tf.backend_util.computeConv2DInfo(
    attrs.inputShape, filterShape as [number, number, number, number], attrs.strides, 1, attrs.pad,
    attrs.dimRoundingMode, false, attrs.dataFormat === 'NCHW' ? 'channelsFirst' : 'channelsLast',
  );
}

/** The fast path; the caller has checked preferStock() returned null. */
function conv2dBackpropInputFast(backend: object, dy: tf.TensorInfo, filter: tf.TensorInfo, info: tf.backend_util.Conv2DInfo): tf.TensorInfo {
  const rows = inputGradAxis({ inLen: info.inHeight, k: info.filterHeight, s: info.strideHeight, before: info.padInfo.top, outLen: info.outHeight });
  const cols = inputGradAxis({ inLen: info.inWidth, k: info.filterWidth, s: info.strideWidth, before: info.padInfo.left, outLen: info.outWidth });
  return composeKernels(backend, 'wasm', (ops) => {
    const flipped = flipFilter(ops, filter);
    const spread = zeroInsert(ops, dy, rows, cols);
    const conv = ops.run(tf.Conv2D, { x: spread, filter: flipped }, {
      strides: [1, 1],
      pad: [[0, 0], [rows.padBefore, rows.padAfter], [cols.padBefore, cols.padAfter], [0, 0]],
      dataFormat: 'NHWC',
      dilations: [1, 1],
      dimRoundingMode: 'floor',
    });
    if (!needsSlice(rows) && !needsSlice(cols)) return conv;
    return ops.run(tf.Slice, { x: conv }, { begin: [0, rows.keepFrom, cols.keepFrom, 0], size: [-1, rows.keep, cols.keep, -1] });
  });
}

/**
 * [kh, kw, Ci, Co] -> flipped in space, as [kh, kw, Co, Ci]. Flipping both spatial axes
 * is reversing the order of the kh*kw taps, each a contiguous Co x Ci block after the
 * transpose, so it is kh*kw block copies.
 */
function flipFilter(ops: BackendOps, filter: tf.TensorInfo): tf.TensorInfo {
  const [kh, kw, ci, co] = filter.shape;
  const swapped = ops.run(tf.Transpose, { x: filter }, { perm: [0, 1, 3, 2] });
  const block = ci * co;
  const taps = kh * kw;
  return ops.write([kh, kw, co, ci], (out, heap) => {
    const src = heap(swapped);
    for (let t = 0; t < taps; t++) {
      const from = (taps - 1 - t) * block;
      out.set(src.subarray(from, from + block), t * block);
    }
  });
}

/**
 * Put s - 1 zeros between dy's rows and columns: view dy as [N, Ho, 1, Wo, 1, C], pad the
 * two unit axes, view as [N, Ho*sh, Wo*sw, C]. One pad op, no scatter.
 */
function zeroInsert(ops: BackendOps, dy: tf.TensorInfo, rows: InputAxisPlan, cols: InputAxisPlan): tf.TensorInfo {
  if (rows.zerosBefore + rows.zerosAfter === 0 && cols.zerosBefore + cols.zerosAfter === 0) return dy;
  const [n, ho, wo, c] = dy.shape;
  const six = ops.run(tf.Reshape, { x: dy }, { shape: [n, ho, 1, wo, 1, c] });
  const padded = ops.run(tf.PadV2, { x: six }, {
    paddings: [[0, 0], [0, 0], [rows.zerosBefore, rows.zerosAfter], [0, 0], [cols.zerosBefore, cols.zerosAfter], [0, 0]],
    constantValue: 0,
  });
  const sh = 1 + rows.zerosBefore + rows.zerosAfter;
  const sw = 1 + cols.zerosBefore + cols.zerosAfter;
  return ops.run(tf.Reshape, { x: padded }, { shape: [n, ho * sh, wo * sw, c] });
}
