/**
 * Kernels that fuse a chain of small element-wise ops into one call, for backends where
 * the engine's per-call cost outweighs the arithmetic (wasm on small nets: a training step
 * of the study's nets is 150-400 kernel calls, many of a few microseconds of work). A
 * backend registers them under these names (wasm-kernels/sgd-momentum.ts); where it has
 * none, callers run the unfused ops. Each fused kernel rounds every intermediate to
 * float32 exactly where the unfused chain does, so both give the same bits.
 *
 * Only the SGD update is fused: its six kernels per weight are pure call overhead on
 * small weights. Fusing the activation gradients (ReLU: Cast, Step, Multiply) in a JS
 * pass was measured slower than the stock vectorised kernels even on the smallest net,
 * because a scalar JS loop over 0.5 M values costs more than three SIMD passes.
 */
import * as tf from '@tensorflow/tfjs-core';

export const FUSED_KERNELS = Object.freeze({
  /** The paper's SGD with momentum and weight decay for one weight (train/sgd.ts): [next velocity, next weight]. */
  sgdMomentum: 'BenchSgdMomentum',
});

/** Whether the active backend has this fused kernel. */
export function hasFusedKernel(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

export interface SgdMomentumAttrs {
  learningRate: number;
  momentum: number;
  /** weightDecay * learningRate, as the unfused update computes it (in double precision, then float32). */
  decayRate: number;
}

/**
 * Weights up to this many values take the fused update. WHY a bound: the fused update is
 * one scalar JS pass (~8 ns a value), the unfused one six vectorised wasm kernels at tens
 * of microseconds of engine cost each; `node --import tsx bench/sgd-update.ts` measured
 * 6 vs 61 µs at 64 values, 9 vs 41 at 1 024, about even at 16 384 (131 vs 124) and the
 * fused pass 2.4x slower at 65 536 (2-core VM, wasm, 2 threads).
 */
export const FUSED_SGD_MAX_VALUES = 1 << 14;

/** The fused SGD update of one weight on the active backend, or null where the backend lacks it or the weight is too large. */
export function fusedSgdMomentum(weight: tf.Tensor, velocity: tf.Tensor, gradient: tf.Tensor, attrs: SgdMomentumAttrs): [tf.Tensor, tf.Tensor] | null {
  if (weight.size > FUSED_SGD_MAX_VALUES || !hasFusedKernel(FUSED_KERNELS.sgdMomentum)) return null;
  const out = tf.engine().runKernel(FUSED_KERNELS.sgdMomentum, { w: weight, v: velocity, g: gradient }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
  return [out[0], out[1]];
}
