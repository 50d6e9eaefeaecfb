/**
 * maxPool gradients on 'wasm' against the plain-JS 'cpu' backend, through tf.grad as
 * training uses them: 3x3 stride 2 (AlexNet's overlapping pooling), 2x2 stride 2, 'same',
 * 'valid' and numeric pads, on inputs that are all negative, all zero, ReLU-like (many
 * zeros), full of repeated values (ties), and random normal.
 *
 * The stock tfjs-backend-wasm 4.22 MaxPoolGrad gets these wrong (first subtest: it passes
 * no gradient through all-negative or all-zero windows and sends tied maxima's gradient
 * to the last maximum, cpu to the first; where windows overlap it also rounds the sums
 * differently, up to ~1e-5 relative in our samples). The project's replacement
 * (src/engine/wasm-kernels/max-pool-grad.ts) must match cpu bit for bit: a pooling
 * gradient only copies dy values and sums the few that land on one cell, and it adds
 * them in cpu's order, in doubles as cpu does, so no tolerance is needed.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ensureGradients } from '../../src/engine/gradients.js';
import { registerWasmKernels } from '../../src/engine/wasm-kernels/register.js';
import { createStream, type Stream } from '../../src/core/rng.js';

type Shape4 = [number, number, number, number];
type Pool = [filter: number, stride: number, pad: 'valid' | 'same' | number];

const POOLS: Pool[] = [[3, 2, 'valid'], [2, 2, 'valid'], [3, 2, 'same'], [2, 2, 'same'], [3, 1, 'same'], [3, 2, 1], [2, 3, 'same']];

function inputs(n: number, r: Stream): Record<string, Float32Array> {
  const make = (f: () => number) => Float32Array.from({ length: n }, f);
  return {
    'all negative': make(() => -1 - Math.abs(r.normal())),
    'all zero': new Float32Array(n),
    'ReLU output (zeros, ties)': make(() => Math.max(0, r.normal())),
    'repeated values (ties)': make(() => r.int(3)),
    'repeated negative values': make(() => -1 - r.int(3)),
    'random normal': make(() => r.normal()),
    // cpu starts each window at -Infinity with a strict >: NaN and -Infinity never win.
    'with -Infinity and NaN': make(() => (r.int(4) === 0 ? -Infinity : r.int(6) === 0 ? NaN : r.normal())),
  };
}

/** Gradient of sum(maxPool(x) * dy) wrt x, and how many backend buffers it left behind. */
async function poolGrad(backend: string, shape: Shape4, xs: Float32Array, dys: Float32Array, [k, s, pad]: Pool): Promise<{ dx: Float32Array; leaked: number }> {
  await tf.setBackend(backend);
  const x = tf.tensor4d(xs, shape);
  const f = (a: tf.Tensor): tf.Tensor => tf.maxPool(a as tf.Tensor4D, k, s, pad, pad === 1 ? 'floor' : undefined);
  const yShape = tf.tidy(() => f(x).shape);
  const dy = tf.tensor(dys.subarray(0, yShape.reduce((a, b) => a * b, 1)), yShape);
  const before = tf.engine().backend.numDataIds();
  const g = tf.grad(f)(x, dy);
  const dx = (await g.data()) as Float32Array;
  g.dispose();
  const leaked = tf.engine().backend.numDataIds() - before;
  tf.dispose([x, dy]);
  return { dx, leaked };
}

const bits = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

t.before(async () => {
  await ensureGradients();
});

// First, before the replacement is registered (registration is process-wide).
t.test('the stock wasm MaxPoolGrad differs from cpu on negative and tied windows', async (t) => {
  const shape: Shape4 = [2, 9, 9, 3];
  const n = shape.reduce((a, b) => a * b);
  const r = createStream(41);
  const xs = inputs(n, r);
  const dys = Float32Array.from({ length: n }, () => r.normal());
  for (const name of ['all negative', 'all zero', 'repeated values (ties)']) {
    for (const pool of [[3, 2, 'valid'], [2, 2, 'valid']] as Pool[]) {
      const want = await poolGrad('cpu', shape, xs[name], dys, pool);
      const got = await poolGrad('wasm', shape, xs[name], dys, pool);
      const diff = maxAbsDiff(got.dx, want.dx);
      // If this starts failing, tfjs fixed its kernel and the replacement could go.
      t.ok(diff > 0.1, `${name}, pool ${pool}: stock wasm differs from cpu by up to ${diff.toFixed(3)}`);
    }
  }
  // A tiny exact case: one 2x2 window of negatives, another of equal maxima.
  const x = new Float32Array([-3, -1, 2, 2, -2, -4, 2, 1]);
  const exact = async (backend: string) => Array.from((await poolGrad(backend, [1, 2, 4, 1], x, new Float32Array([10, 20]), [2, 2, 'valid'])).dx);
  t.same(await exact('cpu'), [0, 10, 20, 0, 0, 0, 0, 0], 'cpu: the largest negative, and the first of the tied maxima');
  t.notSame(await exact('wasm'), await exact('cpu'), 'stock wasm routes these elsewhere');
});

// Channels in fours take the SIMD module (max-pool-grad.wat), other counts the JS loop.
t.test('the replacement matches cpu bit for bit on every input kind and pooling', async (t) => {
  registerWasmKernels([tf.MaxPoolGrad]);
  const r = createStream(42);
  for (const shape of [[2, 9, 9, 3], [1, 8, 11, 5], [3, 7, 6, 1], [2, 9, 9, 4], [1, 8, 11, 8], [3, 7, 6, 12]] as Shape4[]) {
    const n = shape.reduce((a, b) => a * b);
    const xs = inputs(n, r);
    const dys = Float32Array.from({ length: n }, () => r.normal());
    for (const [name, x] of Object.entries(xs)) {
      for (const pool of POOLS) {
        const want = await poolGrad('cpu', shape, x, dys, pool);
        const got = await poolGrad('wasm', shape, x, dys, pool);
        const label = `[${shape}] (${shape[3] % 4 === 0 ? 'SIMD' : 'JS'}) ${name}, filter ${pool[0]} stride ${pool[1]} pad ${pool[2]}`;
        t.ok(bits(got.dx).equals(bits(want.dx)), label, { maxAbsDiff: maxAbsDiff(got.dx, want.dx) });
        t.equal(got.leaked, 0, `no wasm buffers left behind: ${label}`);
      }
    }
  }
});

t.test('AlexNet pooling shapes (small batch) match cpu bit for bit', async (t) => {
  registerWasmKernels([tf.MaxPoolGrad]);
  const r = createStream(43);
  for (const shape of [[2, 55, 55, 8], [2, 27, 27, 12], [2, 13, 13, 16]] as Shape4[]) {
    const n = shape.reduce((a, b) => a * b);
    const x = Float32Array.from({ length: n }, () => Math.max(0, r.normal()));
    const dys = Float32Array.from({ length: n }, () => r.normal());
    const want = await poolGrad('cpu', shape, x, dys, [3, 2, 'valid']);
    const got = await poolGrad('wasm', shape, x, dys, [3, 2, 'valid']);
    t.ok(bits(got.dx).equals(bits(want.dx)), `[${shape}] pool 3 stride 2`, { maxAbsDiff: maxAbsDiff(got.dx, want.dx) });
  }
});
