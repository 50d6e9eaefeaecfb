/**
 * The fc layers' forward products (16 x K times K x N, batch 16) on wasm, 1 thread, with a
 * fresh B buffer every call as in training (the weights are new after every SGD step):
 * the stock kernel (packs B each time) against the wrapper's swapped form, and whether the
 * two give the same bits.
 *
 *   node --import tsx bench/fc-forward.ts
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { setMinSwapPlainB } from '../src/engine/wasm-kernels/batch-mat-mul.js';
import { registerWasmKernels } from '../src/engine/wasm-kernels/register.js';

await tf.setBackend('wasm');
registerWasmKernels([tf.BatchMatMul]);
const kernel = tf.getKernel(tf.BatchMatMul, 'wasm')!;
const backend = tf.backend();
const median = (v: number[]): string => [...v].sort((a, b) => a - b)[v.length >> 1].toFixed(0);
for (const [k, n] of [[9216, 4096], [4096, 4096], [4096, 1000]]) {
  const x = tf.randomNormal([1, 16, k], 0, 1, 'float32', 1);
  const w = tf.randomNormal([1, k, n], 0, 1, 'float32', 2);
  const run = (): { ms: number; out: Float32Array } => {
    const fresh = tf.clone(w);
    const t0 = performance.now();
    const o = kernel.kernelFunc({ inputs: { a: x, b: fresh }, backend, attrs: { transposeA: false, transposeB: false } }) as tf.TensorInfo;
    const ms = performance.now() - t0;
    fresh.dispose();
    const out = backend.readSync(o.dataId) as Float32Array;
    backend.disposeData(o.dataId);
    return { ms, out };
  };
  const ms: Record<'stock' | 'swapped', number[]> = { stock: [], swapped: [] };
  let first: Float32Array | undefined;
  let same = true;
  for (let i = 0; i < 4; i++) {
    for (const mode of ['stock', 'swapped'] as const) {
      const saved = setMinSwapPlainB(mode === 'stock' ? Infinity : 0);
      const r = run();
      setMinSwapPlainB(saved);
      ms[mode].push(r.ms);
      if (first === undefined) first = r.out;
      else same &&= r.out.every((v, j) => v === first![j]);
    }
  }
  console.log(`16x${k} . ${k}x${n}: stock ${median(ms.stock)} ms, swapped ${median(ms.swapped)} ms (median of 4); same bits: ${same}`);
  tf.dispose([x, w]);
}
