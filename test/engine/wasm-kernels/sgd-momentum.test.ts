/**
 * The fused SGD update on wasm (src/engine/wasm-kernels/sgd-momentum.ts) against the
 * unfused chain of wasm kernels it replaces (src/train/sgd.ts), bit for bit: both round
 * every product and difference to float32 at the same places, so no tolerance is needed.
 * The values include what training can produce at its worst: NaN, infinities, signed
 * zeros, subnormals and values near float32's limits.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../../../src/engine/wasm-kernels/register.js';
import { FUSED_KERNELS, FUSED_SGD_MAX_VALUES, fusedSgdMomentum } from '../../../src/engine/fused-kernels.js';
import { createStream } from '../../../src/core/rng.js';

registerWasmKernels();
await tf.setBackend('wasm');
await tf.ready();

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38, 1, -1];

function values(n: number, seed: number): Float32Array {
  const r = createStream(seed);
  return Float32Array.from({ length: n }, (_, i) => (i < SPECIAL.length * 4 && i % 4 === 0 ? SPECIAL[i / 4] : r.normal() * 10 ** (r.int(9) - 4)));
}

function unfused(w: tf.Tensor, v: tf.Tensor, g: tf.Tensor, lr: number, momentum: number, weightDecay: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const next = tf.sub(tf.sub(tf.mul(tf.scalar(momentum), v), tf.mul(tf.scalar(weightDecay * lr), w)), tf.mul(tf.scalar(lr), g));
    return [next.dataSync() as Float32Array, tf.add(w, next).dataSync() as Float32Array];
  });
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength)));

t.test('the fused update gives the unfused update\'s bits, special values included', async (t) => {
  t.ok(tf.getKernel(FUSED_KERNELS.sgdMomentum, 'wasm'), 'registered on wasm');
  for (const [n, lr, momentum, weightDecay] of [[1000, 0.01, 0.9, 0.0005], [4099, 0.0003, 0.9, 0], [77, 0.3, 0.5, 0.01]] as const) {
    const [w, v, g] = [1, 2, 3].map((s) => tf.tensor1d(values(n, s * 7919 + n)));
    const fused = fusedSgdMomentum(w, v, g, { learningRate: lr, momentum, decayRate: weightDecay * lr });
    t.ok(fused, 'a small weight takes the fused update');
    const [nv, nw] = unfused(w, v, g, lr, momentum, weightDecay);
    // NaN payloads may differ between kernels; every NaN must still be a NaN.
    const canon = (a: Float32Array) => bits(a).map((b, i) => (Number.isNaN(a[i]) ? 'NaN' : b));
    t.same(canon(fused![0].dataSync() as Float32Array), canon(nv), `velocity, n=${n} lr=${lr}`);
    t.same(canon(fused![1].dataSync() as Float32Array), canon(nw), `weight, n=${n} lr=${lr}`);
    tf.dispose([w, v, g, ...fused!]);
  }
});

t.test('weights above the bound take the unfused update', async (t) => {
  const big = tf.zeros([FUSED_SGD_MAX_VALUES + 1]);
  t.equal(fusedSgdMomentum(big, big, big, { learningRate: 0.01, momentum: 0.9, decayRate: 5e-6 }), null);
  big.dispose();
});

t.test('off wasm there is no fused kernel', async (t) => {
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  const w = tf.ones([4]);
  t.equal(fusedSgdMomentum(w, w, w, { learningRate: 0.01, momentum: 0.9, decayRate: 5e-6 }), null);
  w.dispose();
  await tf.setBackend('wasm');
});
