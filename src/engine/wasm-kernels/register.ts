/**
 * The project's kernels on tfjs's wasm backend, in one list:
 *   Conv2DBackpropFilter  absent from tfjs-backend-wasm; a conv on XNNPACK's forward Conv2D
 *   Conv2DBackpropInput   a zero-inserted conv on XNNPACK (large strides and NCHW: stock)
 *   BatchMatMul           transposed operands made explicit (other shapes: stock)
 *   MaxPoolGrad           the cpu backend's semantics, bit for bit: SIMD for channels in
 *                         fours, a JS loop otherwise (non-float32: stock)
 *   Tanh                  the stock kernel's tanhf, four values at a time (SIMD), same bits
 *                         (non-float32: stock)
 *   Identity, Cast        share the input's memory instead of copying it (strings and
 *                         casts to another dtype: stock)
 *   BenchSgdMomentum      the fused SGD update of ../fused-kernels.ts (small weights)
 */
import * as tf from '@tensorflow/tfjs-core';
import { kernelNotices } from '../../core/errors.js';
import { installKernelOverrides, type KernelOverrides } from '../kernel-overrides.js';
import { batchMatMulWasm } from './batch-mat-mul.js';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputWasm } from './conv2d-backprop-input.js';
import { FUSED_KERNELS } from '../fused-kernels.js';
import { sgdMomentumWasm } from './sgd-momentum.js';
import { castWasm, identityWasm } from './identity.js';
import { maxPoolGradWasm } from './max-pool-grad.js';
import { tanhWasm } from './tanh.js';

const WASM_OVERRIDES: KernelOverrides = {
  backendName: 'wasm',
  notice: kernelNotices.wasmFallback,
  list: [
    { kernelName: tf.Conv2DBackpropFilter, ours: conv2dBackpropFilterWasm, addition: true },
    { kernelName: tf.Conv2DBackpropInput, ours: conv2dBackpropInputWasm },
    { kernelName: tf.BatchMatMul, ours: batchMatMulWasm },
    { kernelName: tf.MaxPoolGrad, ours: maxPoolGradWasm },
    { kernelName: tf.Tanh, ours: tanhWasm },
    { kernelName: tf.Identity, ours: identityWasm },
    { kernelName: tf.Cast, ours: castWasm },
    { kernelName: FUSED_KERNELS.sgdMomentum, ours: sgdMomentumWasm, addition: true },
  ],
};

/**
 * Install the wasm kernels (idempotent; tfjs-backend-wasm must be imported). `only` names
 * a subset, for tests and benchmarks that compare one kernel with the stock ones.
 */
export function registerWasmKernels(only?: readonly string[]): void {
  installKernelOverrides(WASM_OVERRIDES, only);
}
