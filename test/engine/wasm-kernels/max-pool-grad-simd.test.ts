/**
 * The SIMD MaxPoolGrad (max-pool-grad.wat) against the JS reference it replaces for
 * channels in fours, bit for bit, on random geometries: sizes, filters, strides and pads
 * that make windows overlap, leave gaps, clip at the borders or hold a single cell, and
 * values with ties, negatives, zeros, -Infinity and NaN. No tolerance: both add the same
 * terms in the same order in doubles and round once.
 */
import t from 'tap';
import { maxPoolBackprop } from '../../../src/engine/wasm-kernels/max-pool-grad.js';
import type { PoolGeometry } from '../../../src/engine/wasm-kernels/pool-geometry.js';
import { maxPoolBackpropSimd, simdTakes } from '../../../src/engine/wasm-kernels/max-pool-grad-simd.js';
import { createStream, type Stream } from '../../../src/core/rng.js';

function geometry(r: Stream): PoolGeometry {
  const fh = 1 + r.int(4);
  const fw = 1 + r.int(4);
  const strideHeight = 1 + r.int(3);
  const strideWidth = 1 + r.int(3);
  const inHeight = fh + r.int(10);
  const inWidth = fw + r.int(10);
  const padTop = r.int(fh);
  const padLeft = r.int(fw);
  return {
    batchSize: 1 + r.int(3), inHeight, inWidth, inChannels: 4 * (1 + r.int(4)),
    outHeight: Math.floor((inHeight + padTop - fh) / strideHeight) + 1,
    outWidth: Math.floor((inWidth + padLeft - fw) / strideWidth) + 1,
    strideHeight, strideWidth, effectiveFilterHeight: fh, effectiveFilterWidth: fw, padTop, padLeft,
  };
}

function value(r: Stream): number {
  const k = r.int(10);
  if (k === 0) return NaN;
  if (k === 1) return -Infinity;
  if (k === 2) return 0;
  if (k < 5) return r.int(3) - 1; // ties
  return r.normal();
}

const bits = (v: Float32Array): Buffer => Buffer.from(v.buffer, v.byteOffset, v.byteLength);

t.test('SIMD and JS give the same bits on random geometries', async (t) => {
  const r = createStream(7);
  let same = 0;
  const cases = 300;
  for (let i = 0; i < cases; i++) {
    const g = geometry(r);
    const image = g.inHeight * g.inWidth * g.inChannels;
    const x = Float32Array.from({ length: g.batchSize * image }, () => value(r));
    const dy = Float32Array.from({ length: g.batchSize * g.outHeight * g.outWidth * g.inChannels }, () => r.normal());
    const want = new Float32Array(x.length);
    const got = new Float32Array(x.length).fill(123);
    maxPoolBackprop(x, dy, want, g);
    maxPoolBackpropSimd(x, dy, got, g);
    if (bits(got).equals(bits(want))) same++;
    else t.fail(`differs on ${JSON.stringify(g)}`);
  }
  t.equal(same, cases, `${cases} geometries bit-identical`);
});

t.test('a batch larger than the module memory grows it', async (t) => {
  const g: PoolGeometry = {
    batchSize: 8, inHeight: 55, inWidth: 55, inChannels: 96, outHeight: 27, outWidth: 27,
    strideHeight: 2, strideWidth: 2, effectiveFilterHeight: 3, effectiveFilterWidth: 3, padTop: 0, padLeft: 0,
  };
  const r = createStream(8);
  const x = Float32Array.from({ length: 8 * 55 * 55 * 96 }, () => Math.max(0, r.normal()));
  const dy = Float32Array.from({ length: 8 * 27 * 27 * 96 }, () => r.normal());
  const want = new Float32Array(x.length);
  const got = new Float32Array(x.length);
  maxPoolBackprop(x, dy, want, g);
  maxPoolBackpropSimd(x, dy, got, g);
  t.ok(bits(got).equals(bits(want)), 'paper conv1 pooling at batch 8 (9 MiB of x) bit-identical');
});

t.test('the SIMD path takes channels in fours only', async (t) => {
  const base = { batchSize: 1, inHeight: 4, inWidth: 4, outHeight: 2, outWidth: 2, strideHeight: 2, strideWidth: 2, effectiveFilterHeight: 2, effectiveFilterWidth: 2, padTop: 0, padLeft: 0 };
  t.ok(simdTakes({ ...base, inChannels: 16 }));
  t.notOk(simdTakes({ ...base, inChannels: 3 }));
  t.notOk(simdTakes({ ...base, inChannels: 6 }));
});
