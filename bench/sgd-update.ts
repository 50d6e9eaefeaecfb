/**
 * The SGD update of one weight on `wasm`: the fused kernel (src/engine/wasm-kernels/
 * sgd-momentum.ts, one JS pass) against the six stock kernels of src/train/sgd.ts, per
 * weight size, interleaved so that load from other processes hits both alike. It is what
 * sets FUSED_SGD_MAX_VALUES (src/engine/fused-kernels.ts).
 *
 *   node --import tsx bench/sgd-update.ts [rounds=5]
 */
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../src/engine/engines.js';

const rounds = Number(process.argv[2] ?? 5);
const engine = await useEngine('wasm');
const attrs = { learningRate: 0.01, momentum: 0.9, decayRate: 0.01 * 0.0005 };
const unfused = (w: tf.Tensor, v: tf.Tensor, g: tf.Tensor) => tf.tidy(() => {
  const next = tf.sub(tf.sub(tf.mul(tf.scalar(attrs.momentum), v), tf.mul(tf.scalar(attrs.decayRate), w)), tf.mul(tf.scalar(attrs.learningRate), g));
  return [next, tf.add(w, next)];
});
const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
console.log(`${engine.device}; µs per update, median of ${rounds} rounds`);
console.log('values      fused   unfused');
for (const n of [64, 1024, 16384, 65536, 131072, 262144, 1048576]) {
  const [w, v, g] = [1, 2, 3].map((s) => tf.randomNormal([n], 0, 1, 'float32', s));
  const reps = Math.max(3, Math.round(2e6 / n));
  const time = (f: () => tf.Tensor[]) => {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) tf.dispose(f());
    return ((performance.now() - t0) * 1000) / reps;
  };
  const fused: number[] = [];
  const stock: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Called directly: the bound under test must not apply here.
    fused.push(time(() => tf.engine().runKernel('BenchSgdMomentum', { w, v, g }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[]));
    stock.push(time(() => unfused(w, v, g)));
  }
  console.log(`${String(n).padStart(8)} ${median(fused).toFixed(1).padStart(9)} ${median(stock).toFixed(1).padStart(9)}`);
  tf.dispose([w, v, g]);
}
process.exit(0);
