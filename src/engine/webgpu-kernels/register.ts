/**
 * Installs the project's GEMM-based convolution gradients and LRN gradient on tfjs's webgpu backend, in
 * place of the stock ones (Conv2DBackpropFilter: one thread per filter element looping
 * over batch x outH x outW; Conv2DBackpropInput: tfjs's default naive shader; LRNGrad: a
 * loop over all channel pairs per element). The stock
 * configs are kept: shapes the GEMM kernels cannot take go to them, with one notice each,
 * and unregisterWebgpuKernels() restores them (for stock-vs-new benchmarks).
 */
import * as tf from '@tensorflow/tfjs-core';
import { kernelNotices } from '../../core/errors.js';
import { lrnGradWebgpu } from './lrn-grad.js';
import { filterGradSpec, inputGradSpec, runGemm, unsupportedReason, type WebgpuBackendLike } from './conv-gemm.js';

const BACKEND = 'webgpu';
const stock = new Map<string, tf.KernelConfig>();
const noticed = new Set<string>();

type Args = { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap };

function backpropFilter(args: Args): tf.TensorInfo {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
  const why = unsupportedReason(info, [x.dtype, dy.dtype]);
  if (why !== null) return fallback(tf.Conv2DBackpropFilter, why, args);
  return runGemm(args.backend as WebgpuBackendLike, filterGradSpec(info), [x, dy]);
}

function backpropInput(args: Args): tf.TensorInfo {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
  const why = unsupportedReason(info, [dy.dtype, filter.dtype]);
  if (why !== null) return fallback(tf.Conv2DBackpropInput, why, args);
  return runGemm(args.backend as WebgpuBackendLike, inputGradSpec(info), [dy, filter]);
}

function lrnGrad(args: Args): tf.TensorInfo {
  const inputs = args.inputs as { x: tf.TensorInfo; y: tf.TensorInfo; dy: tf.TensorInfo };
  const dtypes = [inputs.x.dtype, inputs.y.dtype, inputs.dy.dtype];
  if (inputs.x.shape.length !== 4 || dtypes.some((d) => d !== 'float32')) return fallback(tf.LRNGrad, `rank ${inputs.x.shape.length}, dtype ${dtypes.join('/')} (only rank 4 float32)`, args);
  return lrnGradWebgpu(args.backend as WebgpuBackendLike, inputs, args.attrs as unknown as tf.LRNGradAttrs);
}

function fallback(kernel: string, why: string, args: Args): tf.TensorInfo {
  if (!noticed.has(kernel)) {
    noticed.add(kernel);
    console.warn(kernelNotices.webgpuFallback(kernel, why));
  }
  return (stock.get(kernel) as tf.KernelConfig).kernelFunc(args as Parameters<tf.KernelFunc>[0]) as tf.TensorInfo;
}

const OURS: Record<string, (args: Args) => tf.TensorInfo> = {
  [tf.Conv2DBackpropFilter]: backpropFilter,
  [tf.Conv2DBackpropInput]: backpropInput,
  [tf.LRNGrad]: lrnGrad,
};

/** The kernels this module replaces, for reports. */
export const WEBGPU_KERNELS = Object.keys(OURS);

/** Swap in the GEMM kernels. Idempotent; needs tfjs-backend-webgpu imported (its stock kernels registered). */
export function registerWebgpuKernels(): void {
  for (const [name, kernelFunc] of Object.entries(OURS)) {
    if (stock.has(name)) continue;
    const config = tf.getKernel(name, BACKEND);
    if (config === undefined) throw new Error(`tfjs-backend-webgpu registered no ${name}; import it before registering kernels`);
    stock.set(name, config);
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc: kernelFunc as tf.KernelFunc });
  }
}

/** Put the stock tfjs kernels back. */
export function unregisterWebgpuKernels(): void {
  for (const [name, config] of stock) {
    tf.unregisterKernel(name, BACKEND);
    tf.registerKernel(config);
  }
  stock.clear();
}
