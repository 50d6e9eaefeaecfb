/**
 * Identity and same-dtype Cast on wasm share the input's memory (src/engine/wasm-kernels/
 * identity.ts): the clone keeps the values after the original is disposed, freeing both
 * returns the memory, and the gradients tfjs computes through saved (cloned) tensors are
 * unchanged.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { ensureGradients } from '../../../src/engine/gradients.js';
import { registerWasmKernels } from '../../../src/engine/wasm-kernels/register.js';

await ensureGradients();
await tf.setBackend('wasm');
await tf.ready();

/** Gradients of a small net whose backward pass reads saved (cloned) tensors, as bits. */
function gradientBits(): number[][] {
  const x = tf.tensor2d([[0.5, -1, 2], [3, -0.25, 0]]);
  const w = tf.tensor2d([[1, 2], [-1, 0.5], [0.25, -3]]);
  const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.tanh(tf.relu(tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D))));
  const grads = tf.grads(f)([x, w]);
  const out = grads.map((g) => Array.from(new Uint32Array((g.dataSync() as Float32Array).slice().buffer)));
  tf.dispose([x, w, ...grads]);
  return out;
}

// Before the project's kernels are installed: the stock, copying Identity and Cast.
const stockGradients = gradientBits();
registerWasmKernels();

t.test('a clone shares memory and outlives its original', async (t) => {
  const before = tf.memory().numBytes;
  const a = tf.tensor1d([1, -2, 3.5, NaN]);
  const b = tf.clone(a);
  const c = tf.cast(a, 'float32');
  a.dispose();
  t.same(Array.from(b.dataSync()), [1, -2, 3.5, NaN]);
  t.same(Array.from(c.dataSync()), [1, -2, 3.5, NaN]);
  const i = tf.cast(b, 'int32');
  t.same(Array.from(i.dataSync()), [1, -2, 3, 0], 'a cast to another dtype still converts');
  tf.dispose([b, c, i]);
  t.equal(tf.memory().numBytes, before, 'nothing is left once every sharer is freed');
});

t.test('a variable assigned after a clone keeps the clone unchanged', async (t) => {
  const v = tf.variable(tf.tensor1d([1, 2]));
  const saved = tf.clone(v);
  v.assign(tf.tensor1d([5, 6]));
  t.same(Array.from(saved.dataSync()), [1, 2]);
  t.same(Array.from(v.dataSync()), [5, 6]);
  tf.dispose([v, saved]);
});

t.test('gradients through saved tensors are those of the copying kernels, bit for bit', async (t) => {
  t.same(gradientBits(), stockGradients);
});
