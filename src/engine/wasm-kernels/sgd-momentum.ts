/**
 * The fused SGD update of fused-kernels.ts for wasm, written in JS on the wasm heap.
 * Math.fround after each operation rounds exactly where the unfused chain of float32
 * kernels rounds (a float32 product or difference computed in double and rounded once is
 * the float32 operation's result), so the outputs are bit-identical to the unfused
 * update's; test/engine/sgd-momentum.test.ts checks it on values that include NaN,
 * infinities, signed zeros and subnormals.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult } from '../kernel-overrides.js';

type Inputs = Record<string, tf.TensorInfo>;

interface HeapBackend {
  makeOutput(shape: number[], dtype: 'float32'): { dataId: object; shape: number[]; dtype: 'float32' };
  typedArrayFromHeap(info: { dataId: object }): Float32Array;
}

const f = Math.fround;

/**
 * [v', w'] with v' = (momentum * v - decayRate * w) - learningRate * g and w' = w + v',
 * every product and difference rounded to float32 as the unfused update (train/sgd.ts)
 * rounds them, with the three factors first rounded to float32 as its scalar tensors are.
 */
export function sgdMomentumWasm(args: KernelArgs): KernelResult {
  const backend = args.backend as HeapBackend;
  const { w, v, g } = args.inputs as Inputs;
  const attrs = args.attrs as unknown as { learningRate: number; momentum: number; decayRate: number };
  const [lr, mom, decay] = [f(attrs.learningRate), f(attrs.momentum), f(attrs.decayRate)];
  const nextV = backend.makeOutput([...w.shape], 'float32');
  const nextW = backend.makeOutput([...w.shape], 'float32');
  const [wv, vv, gv, nv, nw] = [w, v, g, nextV, nextW].map((t) => backend.typedArrayFromHeap(t));
  for (let i = 0; i < wv.length; i++) {
    const wi = wv[i];
    const n = f(f(f(mom * vv[i]) - f(decay * wi)) - f(lr * gv[i]));
    nv[i] = n;
    nw[i] = wi + n;
  }
  return [nextV, nextW];
}
