/**
 * Times MaxPoolGrad on the wasm backend: stock tfjs (C++), the project's JS loop and its
 * SIMD module (src/engine/wasm-kernels/max-pool-grad.ts, max-pool-grad-simd.ts; the SIMD
 * time includes copying x and dy into its memory and dx out), on AlexNet's three
 * overlapping pools at 224 px (3x3 stride 2, 'valid': 55x55x64, 27x27x192, 13x13x256) at
 * `batch`, and on the three pools of the Fashion-MNIST Figure 1 net (28 px, kernels
 * 16-16-32, batch 32).
 *
 *   npx tsx bench/max-pool-grad.ts [batch=16] [reps=9]
 *
 * The stock kernel is called at the backend level (no engine, no tape); ours as plain
 * functions on the same arrays. Median of `reps` calls after one warm-up call. Inputs are
 * ReLU-like (about half zeros) and deterministic.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timeKernel } from './time-kernel.js';
import '@tensorflow/tfjs-backend-wasm';
import { maxPoolBackprop } from '../src/engine/wasm-kernels/max-pool-grad.js';
import { maxPoolBackpropSimd } from '../src/engine/wasm-kernels/max-pool-grad-simd.js';
import { poolGeometry } from '../src/engine/wasm-kernels/pool-geometry.js';

const [batch = 16, reps = 9] = process.argv.slice(2, 4).map(Number);
const SETS: Array<{ name: string; batch: number; shapes: Array<[number, number, number]> }> = [
  { name: `paper net, 224 px, batch ${batch}`, batch, shapes: [[55, 55, 64], [27, 27, 192], [13, 13, 256]] },
  { name: 'Figure 1 net, 28 px, batch 32', batch: 32, shapes: [[28, 28, 16], [13, 13, 16], [6, 6, 32]] },
];
const ATTRS = { filterSize: 3, strides: 2, pad: 'valid' } as unknown as tf.NamedAttrMap;

function filled(shape: number[], phase: number, relu: boolean): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + phase) * Math.cos(i * 0.0173));
  return tf.tensor(relu ? v.map((a) => Math.max(0, a)) : v, shape);
}

function timeFn(fn: () => void): number {
  fn();
  const ms = Array.from({ length: reps }, () => {
    const t0 = performance.now();
    fn();
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  return ms[Math.floor(reps / 2)];
}

await tf.setBackend('wasm');
const stock = tf.getKernel(tf.MaxPoolGrad, 'wasm')!;
console.log(`MaxPoolGrad 3x3/2 valid, median of ${reps} (ms per call)`);
for (const set of SETS) {
  console.log(`\n${set.name}\ninput       | stock |    JS |  SIMD`);
  const sum = [0, 0, 0];
  for (const [h, w, c] of set.shapes) {
    const x = filled([set.batch, h, w, c], 0.3, true);
    const out = tf.maxPool(x as tf.Tensor4D, 3, 2, 'valid');
    const dy = filled(out.shape, 1.1, false);
    const inputs = { dy, input: x, output: out } as unknown as tf.NamedTensorInfoMap;
    const g = poolGeometry(ATTRS as unknown as tf.MaxPoolGradAttrs, x.shape);
    const [xs, dys] = [x.dataSync() as Float32Array, dy.dataSync() as Float32Array];
    const dx = new Float32Array(xs.length);
    const ms = [timeKernel(stock, inputs, ATTRS, reps), timeFn(() => maxPoolBackprop(xs, dys, dx, g)), timeFn(() => maxPoolBackpropSimd(xs, dys, dx, g))];
    ms.forEach((m, i) => (sum[i] += m));
    console.log(`${`${h}x${w}x${c}`.padEnd(11)} | ${ms.map((m) => m.toFixed(2).padStart(5)).join(' | ')}`);
    tf.dispose([x, out, dy]);
  }
  console.log(`${'sum'.padEnd(11)} | ${sum.map((m) => m.toFixed(2).padStart(5)).join(' | ')}`);
}
