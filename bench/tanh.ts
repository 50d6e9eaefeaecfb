/**
 * Times Tanh on the wasm backend: the stock kernel (musl's tanhf, one value at a time)
 * against the project's SIMD kernel (src/engine/wasm-kernels/tanh.ts, including its copies
 * in and out), on 32x28x28x16 values (conv1's output in the Figure 1 net at batch 32) at
 * three scales: near zero (most values in tanhf's cheapest branch), around 1, and
 * saturating. Both are called at the backend level; median of `reps` calls after warm-up.
 *
 *   npx tsx bench/tanh.ts [reps=21]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { timeKernel } from './time-kernel.js';
import { registerWasmKernels } from '../src/engine/wasm-kernels/register.js';

const reps = Number(process.argv[2] ?? 21);
const SHAPE = [32, 28, 28, 16];
await tf.setBackend('wasm');
const stock = tf.getKernel(tf.Tanh, 'wasm')!;
registerWasmKernels([tf.Tanh]);
const ours = tf.getKernel(tf.Tanh, 'wasm')!;
console.log(`Tanh on ${SHAPE.join('x')} values, median of ${reps} (ms per call)`);
console.log('values         | stock |  SIMD');
for (const scale of [0.05, 1, 5]) {
  const n = SHAPE.reduce((a, b) => a * b, 1);
  // Deterministic values spread over [-scale, scale].
  const x = tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731) * scale), SHAPE);
  const inputs = { x } as unknown as tf.NamedTensorInfoMap;
  // A few calls first so that both run optimised code.
  for (let i = 0; i < 5; i++) [stock, ours].forEach((k) => timeKernel(k, inputs, {}, 1));
  const [a, b] = [timeKernel(stock, inputs, {}, reps), timeKernel(ours, inputs, {}, reps)];
  console.log(`${`[-${scale}, ${scale}]`.padEnd(14)} | ${a.toFixed(2).padStart(5)} | ${b.toFixed(2).padStart(5)}`);
  x.dispose();
}
