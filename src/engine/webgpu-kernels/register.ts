/**
 * The project's kernels on tfjs's webgpu backend, in one list, each in place of a stock
 * one: the GEMM-based convolution gradients (stock Conv2DBackpropFilter: one thread per
 * filter element looping over batch x outH x outW; stock Conv2DBackpropInput: tfjs's
 * default naive shader) and the LRN gradient (stock: a loop over all channel pairs per
 * element). Shapes they cannot take go to the stock kernels, with one notice each, and
 * unregisterWebgpuKernels() restores the stock kernels (for stock-vs-new benchmarks).
 */
import * as tf from '@tensorflow/tfjs-core';
import { kernelNotices } from '../../core/errors.js';
import { installKernelOverrides, restoreStockKernels, type KernelArgs, type KernelOverrides, type KernelResult, type StockKernel } from '../kernel-overrides.js';
import { lrnGradWebgpu } from './lrn-grad.js';
import { filterGradSpec, inputGradSpec, runGemm, unsupportedReason, type WebgpuBackendLike } from './conv-gemm.js';

function backpropFilter(args: KernelArgs, stock: StockKernel): KernelResult {
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const a = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
  const why = unsupportedReason(info, [x.dtype, dy.dtype]);
  if (why !== null) return stock.fallback(why, args);
  return runGemm(args.backend as unknown as WebgpuBackendLike, filterGradSpec(info), [x, dy]);
}

function backpropInput(args: KernelArgs, stock: StockKernel): KernelResult {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const a = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as [number, number, number, number], a.strides, 1, a.pad, a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
  const why = unsupportedReason(info, [dy.dtype, filter.dtype]);
  if (why !== null) return stock.fallback(why, args);
  return runGemm(args.backend as unknown as WebgpuBackendLike, inputGradSpec(info), [dy, filter]);
}

function lrnGrad(args: KernelArgs, stock: StockKernel): KernelResult {
  const inputs = args.inputs as { x: tf.TensorInfo; y: tf.TensorInfo; dy: tf.TensorInfo };
  const dtypes = [inputs.x.dtype, inputs.y.dtype, inputs.dy.dtype];
  if (inputs.x.shape.length !== 4 || dtypes.some((d) => d !== 'float32')) return stock.fallback(`rank ${inputs.x.shape.length}, dtype ${dtypes.join('/')} (only rank 4 float32)`, args);
  return lrnGradWebgpu(args.backend as unknown as WebgpuBackendLike, inputs, args.attrs as unknown as tf.LRNGradAttrs);
}

const WEBGPU_OVERRIDES: KernelOverrides = {
  backendName: 'webgpu',
  notice: kernelNotices.webgpuFallback,
  list: [
    { kernelName: tf.Conv2DBackpropFilter, ours: backpropFilter },
    { kernelName: tf.Conv2DBackpropInput, ours: backpropInput },
    { kernelName: tf.LRNGrad, ours: lrnGrad },
  ],
};

/** Swap in the project's kernels. Idempotent; needs tfjs-backend-webgpu imported (its stock kernels registered). */
export function registerWebgpuKernels(): void {
  installKernelOverrides(WEBGPU_OVERRIDES);
}

/** Put the stock tfjs kernels back. */
export function unregisterWebgpuKernels(): void {
  restoreStockKernels(WEBGPU_OVERRIDES);
}
