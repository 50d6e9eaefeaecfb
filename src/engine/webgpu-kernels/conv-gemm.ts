/**
 * The convolution gradients as implicit GEMMs (see gemm-program.ts), NHWC, float32.
 *
 * Filter gradient: dW[kh, kw, ci, co] = sum over (b, oh, ow) of
 *   x[b, oh*sh - padTop + kh, ow*sw - padLeft + kw, ci] * dy[b, oh, ow, co]
 * i.e. A = im2col(x)^T with rows (kh, kw, ci) and K = batch*outH*outW, B = dy as [K, Co].
 *
 * Input gradient: dx[b, h, w, ci] = sum over (kh, kw, co) of
 *   dy[b, (h + padTop - kh)/sh, (w + padLeft - kw)/sw, co] * W[kh, kw, ci, co]
 * where the divisions must be exact and in range (a transposed conv, gathered not scattered).
 */
import * as tf from '@tensorflow/tfjs-core';
import { GemmProgram, SplitKSumProgram, chooseSplits, type GemmSpec } from './gemm-program.js';

type Conv2DInfo = tf.backend_util.Conv2DInfo;

/** The subset of WebGPUBackend this module uses (the class is not exported as a type we can import cheaply). */
export interface WebgpuBackendLike {
  runWebGPUProgram(program: object, inputs: tf.TensorInfo[], dtype: tf.DataType, uniforms?: unknown[]): tf.TensorInfo;
  disposeData(dataId: object): boolean;
}

const I32_MAX = 2 ** 31 - 1;

/** Why the GEMM kernels cannot take this convolution, or null when they can. */
export function unsupportedReason(info: Conv2DInfo, dtypes: tf.DataType[]): string | null {
  if (info.dataFormat !== 'channelsLast') return `data format ${info.dataFormat} (only NHWC)`;
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return 'dilated convolution';
  if (dtypes.some((d) => d !== 'float32')) return `dtype ${dtypes.join('/')} (only float32)`;
  const inSize = info.batchSize * info.inHeight * info.inWidth * info.inChannels;
  const outSize = info.batchSize * info.outHeight * info.outWidth * info.outChannels;
  // WHY: the shader indexes with i32; 64 covers the largest split-K partial buffer.
  const filterSize = info.filterHeight * info.filterWidth * info.inChannels * info.outChannels;
  if (Math.max(inSize, outSize, filterSize * 64) > I32_MAX) return 'tensors over 2^31 elements';
  return null;
}

export function filterGradSpec(info: Conv2DInfo): GemmSpec {
  const { batchSize: nb, inHeight: h, inWidth: w, inChannels: ci, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const geometry = [nb, h, w, ci, ho, wo, co, kh, kw, sh, sw, top, left];
  return {
    key: `dW_${geometry.join('_')}`,
    variableNames: ['x', 'dy'],
    m: kh * kw * ci,
    n: co,
    k: nb * ho * wo,
    aFastM: true,
    bFastN: true,
    outShape: [kh, kw, ci, co],
    loadA: `
  let ci = m % ${ci}; let t = m / ${ci}; let kw = t % ${kw}; let kh = t / ${kw};
  let ow = k % ${wo}; let t2 = k / ${wo}; let oh = t2 % ${ho}; let b = t2 / ${ho};
  let ih = oh * ${sh} - ${top} + kh;
  let iw = ow * ${sw} - ${left} + kw;
  if (ih < 0 || ih >= ${h} || iw < 0 || iw >= ${w}) { return 0.0; }
  return x[((b * ${h} + ih) * ${w} + iw) * ${ci} + ci];`,
    loadB: `return dy[k * ${co} + n];`,
  };
}

export function inputGradSpec(info: Conv2DInfo): GemmSpec {
  const { batchSize: nb, inHeight: h, inWidth: w, inChannels: ci, outHeight: ho, outWidth: wo, outChannels: co } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  const geometry = [nb, h, w, ci, ho, wo, co, kh, kw, sh, sw, top, left];
  return {
    key: `dX_${geometry.join('_')}`,
    variableNames: ['dy', 'W'],
    m: nb * h * w,
    n: ci,
    k: kh * kw * co,
    aFastM: false,
    bFastN: false,
    outShape: [nb, h, w, ci],
    loadA: `
  let co = k % ${co}; let t = k / ${co}; let kw = t % ${kw}; let kh = t / ${kw};
  let w = m % ${w}; let t2 = m / ${w}; let h = t2 % ${h}; let b = t2 / ${h};
  let ohs = h + ${top} - kh;
  let ows = w + ${left} - kw;
  if (ohs < 0 || ows < 0 || ohs % ${sh} != 0 || ows % ${sw} != 0) { return 0.0; }
  let oh = ohs / ${sh};
  let ow = ows / ${sw};
  if (oh >= ${ho} || ow >= ${wo}) { return 0.0; }
  return dy[((b * ${ho} + oh) * ${wo} + ow) * ${co} + co];`,
    loadB: `
  let co = k % ${co}; let t = k / ${co};
  return W[(t * ${ci} + n) * ${co} + co];`,
  };
}

/** Run one GEMM, adding split-K partials in a second pass when it splits. */
export function runGemm(backend: WebgpuBackendLike, spec: GemmSpec, inputs: tf.TensorInfo[], splits = chooseSplits(spec)): tf.TensorInfo {
  const gemm = new GemmProgram(spec, splits);
  const out = backend.runWebGPUProgram(gemm, inputs, 'float32');
  if (splits === 1) return out;
  const sum = backend.runWebGPUProgram(new SplitKSumProgram(spec.outShape, splits), [out], 'float32');
  backend.disposeData(out.dataId);
  return sum;
}
