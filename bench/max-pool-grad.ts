/**
 * Times MaxPoolGrad on the wasm backend, stock tfjs (C++) vs the project's
 * (src/engine/wasm-kernels/max-pool-grad.ts), for AlexNet's three overlapping pools
 * (3x3 stride 2, 'valid') at 224 px: 55x55x64, 27x27x192, 13x13x256.
 *
 *   npx tsx bench/max-pool-grad.ts [batch=16] [reps=9]
 *
 * Kernels are called at the backend level (no engine, no tape), median of `reps` calls
 * after one warm-up call. Inputs are ReLU-like (about half zeros) and deterministic.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timeKernel } from './time-kernel.js';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../src/engine/wasm-kernels/register.js';

const [batch = 16, reps = 9] = process.argv.slice(2, 4).map(Number);
const SHAPES: Array<[number, number, number]> = [[55, 55, 64], [27, 27, 192], [13, 13, 256]];
const ATTRS = { filterSize: 3, strides: 2, pad: 'valid' } as unknown as tf.NamedAttrMap;

function filled(shape: number[], phase: number, relu: boolean): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + phase) * Math.cos(i * 0.0173));
  return tf.tensor(relu ? v.map((a) => Math.max(0, a)) : v, shape);
}

await tf.setBackend('wasm');
const stock = tf.getKernel(tf.MaxPoolGrad, 'wasm')!;
registerWasmKernels([tf.MaxPoolGrad]);
const ours = tf.getKernel(tf.MaxPoolGrad, 'wasm')!;
console.log(`MaxPoolGrad 3x3/2 valid, batch ${batch}, median of ${reps} (ms per call)`);
console.log('input       | stock | ours');
let sum = [0, 0];
for (const [h, w, c] of SHAPES) {
  const x = filled([batch, h, w, c], 0.3, true);
  const out = tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid');
  const dy = filled(out.shape, 1.1, false);
  const inputs = { dy, input: x, output: out } as unknown as tf.NamedTensorInfoMap;
  const [a, b] = [timeKernel(stock, inputs, ATTRS, reps), timeKernel(ours, inputs, ATTRS, reps)];
  sum = [sum[0] + a, sum[1] + b];
  console.log(`${`${h}x${w}x${c}`.padEnd(11)} | ${a.toFixed(1).padStart(5)} | ${b.toFixed(1).padStart(5)}`);
  tf.dispose([x, out, dy]);
}
console.log(`${'sum'.padEnd(11)} | ${sum[0].toFixed(1).padStart(5)} | ${sum[1].toFixed(1).padStart(5)}`);
