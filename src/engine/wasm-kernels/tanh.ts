/**
 * Tanh for wasm: the stock kernel's function (musl's tanhf, one float at a time) computed
 * four floats at a time in the WebAssembly SIMD module assembled from tanh.wat, with the
 * same float operations per value, so the same bits (bench/tanh-exhaustive.ts compares
 * all 2^32 inputs; test/engine/wasm-kernels/tanh.test.ts a sample and every branch edge;
 * bench/tanh.ts times both).
 * WHY: the stock loop took about a fifth of a training step of the tanh nets of the
 * Figure 1 study (7.4 of 36 ms; docs/PERFORMANCE.md).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult, StockKernel } from '../kernel-overrides.js';
import { composeKernels } from './backend-ops.js';
import { simdModule } from './simd-module.js';
import { WASM_BASE64 } from './tanh-module.js';

const load = simdModule<{ tanh(inAt: number, outAt: number, n: number): void }>(WASM_BASE64);

/** Whether the runtime runs the SIMD module (without it the stock kernel serves). */
export function tanhSimdAvailable(): boolean {
  return load() !== null;
}

/** out[i] = tanhf(x[i]), bit for bit the stock kernel's; needs tanhSimdAvailable(). */
export function tanhSimd(x: Float32Array, out: Float32Array): void {
  const k = load()!;
  // Padded to whole vectors: the input at 0, the output after it.
  const n4 = Math.ceil(x.length / 4) * 4;
  const heap = k.floats(n4 * 8);
  heap.set(x, 0);
  heap.fill(0, x.length, n4);
  k.exports.tanh(0, n4 * 4, n4);
  out.set(heap.subarray(n4, n4 + x.length));
}

/** float32 with SIMD only; other dtypes, and runtimes without SIMD, go to the stock kernel. */
export function tanhWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const { x } = args.inputs as { x: tf.TensorInfo };
  if (x.dtype !== 'float32' || !tanhSimdAvailable()) return stock.run(args);
  return composeKernels(args.backend, 'wasm', (ops) => ops.write(x.shape, (out, heap) => tanhSimd(heap(x), out)));
}
