/**
 * The fused SGD-momentum kernel of the wasm engine (src/engine/wasm-kernels/sgd-momentum.ts)
 * against the op sequence createSgd uses elsewhere, on the same backend: bit for bit, since
 * each step of the kernel rounds to float32 in the ops' order (no tolerance). Also: createSgd
 * picks the kernel up, leaks no tensor, and consumes the gradients.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmSgdMomentum, SGD_MOMENTUM } from '../../src/engine/wasm-kernels/sgd-momentum.js';
import { createSgd } from '../../src/harness/run/sgd.js';
import { createStream } from '../../src/harness/rng.js';

/** The paper's update as tf ops: the reference the kernel must equal. */
function opsUpdate(w: tf.Tensor, v: tf.Tensor, g: tf.Tensor, lrValue: number, momValue: number, decayValue: number): [Float32Array, Float32Array] {
  return tf.tidy(() => {
    const next = tf.sub(tf.sub(tf.mul(tf.scalar(momValue), v), tf.mul(tf.scalar(decayValue * lrValue), w)), tf.mul(tf.scalar(lrValue), g));
    return [next.dataSync() as Float32Array, tf.add(w, next).dataSync() as Float32Array];
  });
}

t.before(async () => {
  await tf.setBackend('wasm');
  registerWasmSgdMomentum();
});

t.test('the fused kernel equals the op sequence bit for bit', async (t) => {
  const r = createStream(11);
  // Magnitudes from 1e-8 to 1e3: products and differences round differently at each scale.
  const make = (n: number) => Float32Array.from({ length: n }, () => r.normal() * 10 ** (r.int(12) - 8));
  const settings = [[0.01, 0.9, 0.0005], [0.05, 0.9, 0.0005], [0.1, 0, 0], [1e-3, 0.99, 0.01], [0.3, 0.5, 0.1]];
  for (const [lr, mom, decay] of settings) {
    const n = 1000 + r.int(5000);
    const [w, v, g] = [make(n), make(n), make(n)].map((a) => tf.tensor1d(a));
    const [refV, refW] = opsUpdate(w, v, g, lr, mom, decay);
    const outs = tf.engine().runKernel(SGD_MOMENTUM, { weight: w, velocity: v, gradient: g }, { learningRate: lr, momentum: mom, weightDecay: decay }) as tf.Tensor[];
    t.same(Buffer.from((outs[0].dataSync() as Float32Array).buffer), Buffer.from(refV.buffer), `velocity, lr ${lr} momentum ${mom} decay ${decay}`);
    t.same(Buffer.from((outs[1].dataSync() as Float32Array).buffer), Buffer.from(refW.buffer), `weight, lr ${lr} momentum ${mom} decay ${decay}`);
    tf.dispose([w, v, g, ...outs]);
  }
});

t.test('createSgd uses it: same weights as the ops, no leak, gradients consumed', async (t) => {
  const r = createStream(12);
  const init = Float32Array.from({ length: 4096 }, () => r.normal());
  const grads = [0, 1, 2].map(() => Float32Array.from({ length: 4096 }, () => r.normal() * 0.1));
  const variable = tf.variable(tf.tensor2d(init, [64, 64]), true, 'w');
  const sgd = createSgd({ weights: [{ name: 'w', variable }], momentum: 0.9, weightDecay: 0.0005 });
  let refW: tf.Tensor = tf.tensor2d(init, [64, 64]);
  let refV: tf.Tensor = tf.zeros([64, 64]);
  t.ok(tf.getKernel(SGD_MOMENTUM, tf.getBackend()), 'the fused kernel is what createSgd will run');
  const before = tf.memory().numTensors;
  for (const g of grads) {
    const grad = tf.tensor2d(g, [64, 64]);
    const [v1, w1] = opsUpdate(refW, refV, grad, 0.01, 0.9, 0.0005);
    tf.dispose([refW, refV]);
    [refV, refW] = [tf.tensor2d(v1, [64, 64]), tf.tensor2d(w1, [64, 64])];
    sgd.step({ w: grad }, 0.01);
    t.ok(grad.isDisposed, 'the gradient is consumed');
  }
  t.equal(tf.memory().numTensors, before, 'no tensor leaked over three steps');
  t.same(Buffer.from((variable.dataSync() as Float32Array).buffer), Buffer.from((refW.dataSync() as Float32Array).buffer), 'weights bit-identical');
  t.same(Buffer.from((sgd.velocities()[0].tensor.dataSync() as Float32Array).buffer), Buffer.from((refV.dataSync() as Float32Array).buffer), 'velocity bit-identical');
  tf.dispose([refW, refV, variable]);
  sgd.dispose();
});
