/**
 * One fused kernel for the paper's SGD update (section 5) on wasm:
 *   v' = momentum * v - (weightDecay * lr) * w - lr * g
 *   w' = w + v'
 *
 * WHY: as tf ops this is six element-wise kernels per weight (3 Mul, 2 Sub, 1 Add), each
 * allocating an output and streaming the whole tensor through memory; for the 24 M
 * parameters of the benchmark net that was 171-181 ms of a 64 px training step (the
 * profile in docs/PERFORMANCE.md). One pass in JS over the wasm heap reads w, v and g once
 * and writes v' and w' once.
 *
 * Bit-identical to the op sequence: every step is rounded to float32 (Math.fround) in the
 * same order as the ops, and the scalars are the float32 values tf.scalar would hold. A
 * float32 product or difference computed in double and rounded once is the correctly
 * rounded float32 result (double has more than 2 x 24 + 2 bits), which is what the wasm
 * Mul/Sub/Add kernels produce. test/engine/sgd-momentum.test.ts checks this bit for bit.
 */
import * as tf from '@tensorflow/tfjs-core';

export const SGD_MOMENTUM = 'BenchSgdMomentum';
const BACKEND = 'wasm';

/** The update's scalars; attrs of the SGD_MOMENTUM kernel. */
export interface SgdMomentumAttrs {
  learningRate: number;
  momentum: number;
  weightDecay: number;
}

interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

function sgdMomentum(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo[] {
  const { weight, velocity, gradient } = args.inputs as Record<'weight' | 'velocity' | 'gradient', tf.TensorInfo>;
  const { learningRate, momentum, weightDecay } = args.attrs as unknown as SgdMomentumAttrs;
  for (const info of [weight, velocity, gradient]) {
    if (info.dtype !== 'float32') throw new Error(`${SGD_MOMENTUM}: float32 tensors only, got ${info.dtype}`);
  }
  const backend = args.backend as HeapBackend;
  const nextVelocityInfo = backend.makeOutput(weight.shape, 'float32');
  const nextWeightInfo = backend.makeOutput(weight.shape, 'float32');
  // Views are taken after both allocations: makeOutput may grow (and move) the heap.
  const w = backend.typedArrayFromHeap(weight);
  const v = backend.typedArrayFromHeap(velocity);
  const g = backend.typedArrayFromHeap(gradient);
  const nextV = backend.typedArrayFromHeap(nextVelocityInfo);
  const nextW = backend.typedArrayFromHeap(nextWeightInfo);
  if (v.length !== w.length || g.length !== w.length) {
    throw new Error(`${SGD_MOMENTUM}: weight, velocity and gradient sizes differ (${w.length}, ${v.length}, ${g.length})`);
  }
  const lr = Math.fround(learningRate);
  const mom = Math.fround(momentum);
  const decay = Math.fround(weightDecay * learningRate);
  const f = Math.fround;
  for (let i = 0; i < w.length; i++) {
    const wi = w[i];
    const n = f(f(f(mom * v[i]) - f(decay * wi)) - f(lr * g[i]));
    nextV[i] = n;
    nextW[i] = f(wi + n);
  }
  return [nextVelocityInfo, nextWeightInfo];
}

let installed = false;

/** Register the fused update for the wasm backend (idempotent). */
export function registerWasmSgdMomentum(): void {
  if (installed) return;
  if (tf.getKernel(SGD_MOMENTUM, BACKEND) === undefined) {
    tf.registerKernel({ kernelName: SGD_MOMENTUM, backendName: BACKEND, kernelFunc: sgdMomentum as tf.KernelFunc });
  }
  installed = true;
}
