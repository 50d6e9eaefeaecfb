/**
 * The wasm BatchMatMul wrapper (transposed operands made explicit) against the cpu
 * backend, on every transpose combination and batched shapes.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { cachedTransposes, setMinSwapPlainB } from '../../src/engine/wasm-kernels/batch-mat-mul.js';
import { registerWasmKernels } from '../../src/engine/wasm-kernels/register.js';
import { createStream } from '../../src/core/rng.js';

function values(n: number, seed: number): Float32Array {
  const s = createStream(seed);
  return Float32Array.from({ length: n }, () => s.normal());
}

async function product(backend: string, a: tf.Tensor, b: tf.Tensor, ta: boolean, tb: boolean): Promise<Float32Array> {
  await tf.setBackend(backend);
  const r = tf.tidy(() => tf.matMul(tf.tensor(a.dataSync(), a.shape), tf.tensor(b.dataSync(), b.shape), ta, tb));
  const data = (await r.data()) as Float32Array;
  r.dispose();
  return data;
}

t.test('every transpose combination matches the cpu backend', async (t) => {
  registerWasmKernels([tf.BatchMatMul]);
  await tf.setBackend('cpu');
  const cases: Array<[number[], number[], boolean, boolean]> = [
    [[5, 7], [7, 3], false, false],
    [[7, 5], [7, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[2, 40, 33], [2, 33, 17], false, false],
    [[2, 33, 40], [2, 17, 33], true, true],
    [[3, 33, 70], [3, 33, 9], true, false],
    // Large B, small A: the swapped form (transpose A and the result, not B).
    [[4, 300], [200, 300], false, true],
    [[300, 4], [300, 200], true, false],
  ];
  for (const [[...sa], [...sb], ta, tb] of cases) {
    await tf.setBackend('cpu');
    const a = tf.tensor(values(sa.reduce((x, y) => x * y), 1), sa);
    const b = tf.tensor(values(sb.reduce((x, y) => x * y), 2), sb);
    const want = await product('cpu', a, b, ta, tb);
    const got = await product('wasm', a, b, ta, tb);
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs(w - got[i]) / (1 + Math.abs(w)))));
    // float32 sums of up to 70 products of N(0,1) values in another order: ~1e-6; 1e-4 is ample.
    t.ok(worst < 1e-4, `${sa} x ${sb} ta=${ta} tb=${tb}: relative error ${worst}`);
    await tf.setBackend('cpu');
    tf.dispose([a, b]);
  }
});

t.test('plain products with a large B (fc forward) take the swapped form, bit-identical to the stock product', async (t) => {
  registerWasmKernels([tf.BatchMatMul]);
  const cases: Array<[number[], number[]]> = [[[5, 7], [7, 300]], [[2, 4, 50], [2, 50, 80]], [[16, 96], [96, 40]]];
  for (const [sa, sb] of cases) {
    await tf.setBackend('cpu');
    const a = tf.tensor(values(sa.reduce((x, y) => x * y), 3), sa);
    const b = tf.tensor(values(sb.reduce((x, y) => x * y), 4), sb);
    const want = await product('cpu', a, b, false, false);
    const saved = setMinSwapPlainB(Infinity);
    const stock = await product('wasm', a, b, false, false);
    setMinSwapPlainB(0);
    await tf.setBackend('wasm');
    const before = tf.memory().numDataBuffers;
    const got = await product('wasm', a, b, false, false);
    t.equal(tf.memory().numDataBuffers, before, `${sa} x ${sb}: the swapped form frees its intermediates`);
    setMinSwapPlainB(saved);
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs(w - got[i]) / (1 + Math.abs(w)))));
    t.ok(worst < 1e-4, `${sa} x ${sb}: relative error to cpu ${worst}`);
    t.same(Array.from(got), Array.from(stock), `${sa} x ${sb}: same bits as the stock (unswapped) product`);
    await tf.setBackend('cpu');
    tf.dispose([a, b]);
  }
});

t.test('a large B multiplied again reuses its transposed copy, which is freed with B', async (t) => {
  registerWasmKernels([tf.BatchMatMul]);
  await tf.setBackend('wasm');
  const saved = setMinSwapPlainB(0);
  const held = cachedTransposes();
  const buffers = tf.memory().numDataBuffers;
  const a = tf.tensor(values(16 * 96, 5), [16, 96]);
  const b = tf.tensor(values(96 * 40, 6), [96, 40]);
  const view = tf.reshape(b, [96, 40]); // shares b's buffer (one more reference)
  const runs: number[][] = [];
  for (let i = 0; i < 3; i++) {
    const c = tf.matMul(a, i === 2 ? view : b);
    runs.push(Array.from(await c.data()));
    c.dispose();
  }
  setMinSwapPlainB(saved);
  t.equal(cachedTransposes(), held + 1, 'one transposed copy for b, whichever tensor refers to its buffer');
  t.same(runs[1], runs[0], 'second product = first');
  t.same(runs[2], runs[0], 'third product = first');
  b.dispose();
  t.equal(cachedTransposes(), held + 1, 'kept while a reference to the buffer lives');
  view.dispose();
  t.equal(cachedTransposes(), held, 'freed with the last reference');
  a.dispose();
  t.equal(tf.memory().numDataBuffers, buffers, 'no wasm buffers left');
});

t.test('the wrapper leaves no wasm buffers behind', async (t) => {
  registerWasmKernels([tf.BatchMatMul]);
  await tf.setBackend('wasm');
  const a = tf.ones([8, 6]);
  const b = tf.ones([5, 6]);
  const before = tf.memory().numDataBuffers;
  const r = tf.matMul(a, b, false, true);
  t.same(Array.from(await r.data()).slice(0, 3), [6, 6, 6]);
  r.dispose();
  const small = tf.ones([2, 500]);
  const big = tf.ones([6, 500]);
  const beforeSwap = tf.memory().numDataBuffers;
  const viaSwap = tf.matMul(small, big, false, true);
  t.same(Array.from(await viaSwap.data()).slice(0, 2), [500, 500]);
  viaSwap.dispose();
  t.equal(tf.memory().numDataBuffers, beforeSwap, 'the swapped form frees its intermediates');
  tf.dispose([small, big]);
  t.equal(tf.memory().numDataBuffers, before);
  tf.dispose([a, b]);
});
