/**
 * The SIMD Tanh (src/engine/wasm-kernels/tanh.ts) against the stock tfjs-backend-wasm Tanh,
 * bit for bit, on every branch edge of musl's tanhf and expm1f (a few floats each side),
 * special values, and a seeded sample of all bit patterns. No tolerance: both compute the
 * same float operations per value. bench/tanh-exhaustive.ts checks all 2^32 inputs.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmKernels } from '../../../src/engine/wasm-kernels/register.js';
import { createStream } from '../../../src/core/rng.js';

const LN2 = Math.LN2;
const f32bits = (v: number): number => new Uint32Array(new Float32Array([v]).buffer)[0];

/** Bit patterns of |x| around each branch of tanhf and of expm1f at z = 2|x| or -2|x|. */
function edges(): number[] {
  const at = [0x41200000, 0x3f0c9f54, 0x3e82c578, 0x00800000, 0x7f800000, 0x7f7fffff, 0x00000001];
  // expm1f(z) thresholds on |z| (2^-25, ln2/2, 1.5 ln2, 27 ln2), as |x| = |z|/2.
  for (const z of [2 ** -25, 0.5 * LN2, 1.5 * LN2, 27 * LN2]) at.push(f32bits(z / 2));
  // Where the general reduction's k = (int)(z/ln2 + 0.5) steps, k = 2..29 (k = 23 changes the formula).
  for (let k = 2; k <= 29; k++) at.push(f32bits(((k - 0.5) * LN2) / 2));
  const out: number[] = [];
  for (const b of at) for (let d = -3; d <= 3; d++) for (const sign of [0, 0x80000000]) out.push(((b + d) | sign) >>> 0);
  return out;
}

function inputs(): Float32Array {
  const r = createStream(11);
  const anyBits = Array.from({ length: 1 << 16 }, () => ((r.int(1 << 16) << 16) | r.int(1 << 16)) >>> 0);
  // Dense where tanhf computes (|x| from 2^-15 to 10, either sign): a constant that is off
  // in its last bits changes about 1 in 25 000 of these (measured with Q2 off by 2^-7), so
  // 2^20 of them catch it; bench/tanh-exhaustive.ts checks every input.
  const lo = 0x38000000;
  const busy = Array.from({ length: 1 << 20 }, () => ((lo + r.int(0x41200000 - lo)) | (r.int(2) << 31)) >>> 0);
  // Values as training sees them: near zero to saturated, in float32.
  const typical = Array.from({ length: 1 << 14 }, () => f32bits(r.normal() * 3));
  const special = [0, 0x80000000, 0x7fc00000, 0xffc00000, 0x7fa00000, 0xff800000];
  return new Float32Array(Uint32Array.from([...edges(), ...special, ...anyBits, ...busy, ...typical]).buffer);
}

async function tanhBits(x: Float32Array): Promise<Uint32Array> {
  const xt = tf.tensor1d(x);
  const yt = tf.tanh(xt);
  const y = (await yt.data()) as Float32Array;
  tf.dispose([xt, yt]);
  return new Uint32Array(y.buffer, y.byteOffset, y.length);
}

t.test('SIMD Tanh gives the stock kernel bits', async (t) => {
  await tf.setBackend('wasm');
  const x = inputs();
  const stock = await tanhBits(x);
  registerWasmKernels([tf.Tanh]);
  const before = tf.engine().backend.numDataIds();
  const ours = await tanhBits(x);
  t.equal(tf.engine().backend.numDataIds(), before, 'no wasm buffers left behind');
  const differ: string[] = [];
  for (let i = 0; i < x.length; i++) {
    if (stock[i] !== ours[i] && differ.length < 10) differ.push(`x ${x[i]} (0x${new Uint32Array(x.buffer)[i].toString(16)}): stock 0x${stock[i].toString(16)}, ours 0x${ours[i].toString(16)}`);
  }
  t.same(differ, [], `${x.length} inputs, every one bit-identical`);
  // Lengths that are not whole vectors: the padding is never read back.
  for (const n of [1, 2, 3, 5, 7]) t.same(await tanhBits(x.subarray(0, n)), stock.subarray(0, n), `length ${n}`);
});
