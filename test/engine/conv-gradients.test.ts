/**
 * conv2d gradients on 'wasm' (the project's Conv2DBackpropFilter and fast
 * Conv2DBackpropInput) against the plain-JS 'cpu' backend, through tf.grads as training
 * uses them, on seeded random shapes: kernels 1..5 and 11, strides 1..4, 'same', 'valid',
 * a number, and explicit per-side pads.
 *
 * Tolerance 1e-4, relative to the largest magnitude of the reference gradient: both
 * backends sum the same float32 products, but in different orders (XNNPACK's blocked SIMD
 * loops vs plain loops), and float32 addition is not associative. The rounding error of
 * an n-term float32 sum is bounded by about n * 6e-8 of the summed magnitudes; these
 * sums have up to a few thousand terms, so 1e-4 leaves headroom while a wrong index
 * (a real bug) gives errors of order 1.
 */
import t, { type Test } from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { ensureGradients } from '../../src/engine/gradients.js';
import { registerWasmKernels } from '../../src/engine/wasm-kernels/register.js';
import { setMaxZeroInsertFactor } from '../../src/engine/wasm-kernels/conv2d-backprop-input.js';
import { createStream, type Stream } from '../../src/core/rng.js';

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];
interface Case { x: number[]; w: number[]; strides: [number, number]; pad: Pad }
interface Grads { dx: Float32Array; dw: Float32Array; leaked: number }

const TOLERANCE = 1e-4;
let largest = 0;

function values(shape: number[], r: Stream): Float32Array {
  return Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r.normal());
}

function randomCase(r: Stream): Case {
  const kh = [1, 2, 3, 4, 5, 11][r.int(6)];
  const kw = r.int(3) === 0 ? 1 + r.int(5) : kh;
  const strides: [number, number] = [1 + r.int(4), r.int(3) === 0 ? 1 + r.int(4) : 0];
  strides[1] ||= strides[0];
  const kind = r.int(4);
  const t = r.int(kh + 2), b = r.int(kh + 2), l = r.int(kw + 2), rr = r.int(kw + 2);
  const pad: Pad = kind === 0 ? 'same' : kind === 1 ? 'valid' : kind === 2 ? r.int(3) : [[0, 0], [t, b], [l, rr], [0, 0]];
  // Big enough that even 'valid' leaves at least one output.
  const h = kh + r.int(8), w = kw + r.int(8);
  return squareIfNumeric({ x: [1 + r.int(3), h, w, 1 + r.int(5)], w: [kh, kw, 0, 1 + r.int(5)], strides, pad });
}

/**
 * tfjs 4.22 sizes a conv with a numeric pad from the filter height and stride height only
 * (conv_util.getPadAndOutInfo), while the wasm Conv2D sizes each axis itself and writes
 * past its output buffer when they differ: a numeric pad with a non-square kernel or
 * stride corrupts the wasm heap in the forward pass, before any gradient kernel runs.
 * The harness only uses square ones; the test keeps to what tfjs supports.
 */
function squareIfNumeric(c: Case): Case {
  if (typeof c.pad !== 'number') return c;
  const p = c.pad;
  if (c.w[0] === c.w[1] && c.strides[0] === c.strides[1]) return c;
  return { ...c, pad: [[0, 0], [p, p], [p, p], [0, 0]] };
}

/** Gradients of sum(conv2d(x, w) * dyWeights) wrt x and w: dy is a random map, not ones. */
async function grads(backend: string, c: Case, xs: Float32Array, ws: Float32Array, dys: Float32Array): Promise<Grads> {
  await tf.setBackend(backend);
  const dataIds = (): number => tf.engine().backend.numDataIds();
  const x = tf.tensor4d(xs, c.x as [number, number, number, number]);
  const w = tf.tensor4d(ws, c.w as [number, number, number, number]);
  const before = dataIds();
  const f = (a: tf.Tensor, b: tf.Tensor): tf.Tensor => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad);
  const shape = tf.tidy(() => f(x, w).shape);
  const dy = tf.tensor(dys.subarray(0, shape.reduce((a, b) => a * b, 1)), shape);
  const [dx, dw] = tf.grads(f)([x, w], dy);
  const out = { dx: (await dx.data()) as Float32Array, dw: (await dw.data()) as Float32Array };
  tf.dispose([dx, dw, dy]);
  const leaked = dataIds() - before;
  tf.dispose([x, w]);
  return { ...out, leaked };
}

function relError(got: Float32Array, want: Float32Array): number {
  let maxDiff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(got[i] - want[i]));
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return scale === 0 ? maxDiff : maxDiff / scale;
}

async function compare(t: Test, c: Case, r: Stream): Promise<void> {
  c.w[2] = c.x[3];
  const [xs, ws, dys] = [values(c.x, r), values(c.w, r), values([c.x[0], c.x[1] + 30, c.x[2] + 30, c.w[3]], r)];
  const want = await grads('cpu', c, xs, ws, dys);
  const got = await grads('wasm', c, xs, ws, dys);
  largest = Math.max(largest, relError(got.dw, want.dw), relError(got.dx, want.dx));
  const label = `x [${c.x}] w [${c.w}] strides [${c.strides}] pad ${JSON.stringify(c.pad)}`;
  t.ok(relError(got.dw, want.dw) < TOLERANCE, `dw ${label}`, { error: relError(got.dw, want.dw) });
  t.ok(relError(got.dx, want.dx) < TOLERANCE, `dx ${label}`, { error: relError(got.dx, want.dx) });
  t.equal(got.leaked, 0, `no wasm buffers left behind: ${label}`);
}

t.before(async () => {
  registerWasmKernels([tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput]);
  await ensureGradients();
});

// First: the fallback line is logged once per process.
t.test('a stride the fast path leaves alone falls back to the stock kernel, logged once', async (t) => {
  const lines: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }) as typeof process.stderr.write;
  try {
    const r = createStream(5);
    const c: Case = { x: [1, 9, 9, 2], w: [3, 3, 0, 2], strides: [3, 3], pad: 'same' };
    await compare(t, c, r);
    await compare(t, c, r);
  } finally {
    process.stderr.write = write;
  }
  const fallback = lines.filter((l) => l.includes('using the stock (slower) tfjs kernel for strides 3x3'));
  t.equal(fallback.length, 1, 'one line for two calls');
  t.equal(lines.filter((l) => l.includes('Conv2DBackpropInput')).length, 1, 'and none for other shapes later');
});

t.test('60 seeded random shapes: wasm gradients match cpu', async (t) => {
  const r = createStream(7031);
  for (let n = 0; n < 60; n++) await compare(t, randomCase(r), r);
});

t.test('the zero-insertion path is right for every stride, even where it is not used', async (t) => {
  const saved = setMaxZeroInsertFactor(Infinity);
  t.teardown(() => { setMaxZeroInsertFactor(saved); });
  const r = createStream(9001);
  for (let n = 0; n < 20; n++) {
    const c = randomCase(r);
    c.strides = [3 + r.int(2), 2 + r.int(3)];
    await compare(t, squareIfNumeric(c), r);
  }
});

t.test('the AlexNet layer shapes (small batch) match', async (t) => {
  const r = createStream(11);
  await compare(t, { x: [2, 35, 35, 3], w: [11, 11, 0, 8], strides: [4, 4], pad: 2 }, r);
  await compare(t, { x: [2, 7, 7, 8], w: [5, 5, 0, 12], strides: [1, 1], pad: 2 }, r);
  await compare(t, { x: [2, 3, 3, 12], w: [3, 3, 0, 16], strides: [1, 1], pad: 1 }, r);
});

t.test('wasm gradients are bit-identical run to run', async (t) => {
  const r = createStream(3);
  const c: Case = { x: [4, 9, 9, 6], w: [3, 3, 6, 8], strides: [2, 2], pad: 1 };
  const [xs, ws, dys] = [values(c.x, r), values(c.w, r), values([4, 9, 9, 8], r)];
  const a = await grads('wasm', c, xs, ws, dys);
  const b = await grads('wasm', c, xs, ws, dys);
  const bytes = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  t.ok(bytes(a.dx).equals(bytes(b.dx)), 'dx');
  t.ok(bytes(a.dw).equals(bytes(b.dw)), 'dw');
});

t.test('report', async (t) => {
  t.comment(`largest relative error seen: ${largest.toExponential(2)} (tolerance ${TOLERANCE})`);
});
