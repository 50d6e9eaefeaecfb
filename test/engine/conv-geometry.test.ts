/**
 * The gradient plans of conv-geometry.ts, checked on one spatial axis in plain JS against
 * a brute-force gradient: exact integer arithmetic, so every case must match exactly.
 * Covers what the backend test cannot reach cheaply: large strides, explicit pads larger
 * than the filter, and an output longer than 'floor' rounding gives (dimRoundingMode 'ceil').
 */
import t from 'tap';
import { filterGradAxis, inputGradAxis, needsSlice, type AxisPlan, type ConvAxis } from '../../src/engine/wasm-kernels/conv-geometry.js';
import { createStream } from '../../src/core/rng.js';

function ints(n: number, seed: number): number[] {
  return Array.from({ length: n }, (_, i) => ((i * 7 + seed * 13) % 11) - 5);
}

/** x[m*s + a - before] for all taps, zero outside x (what tfjs's conv2d reads). */
function reference(ax: ConvAxis, x: number[], w: number[], dy: number[]): { dx: number[]; dw: number[] } {
  const dx = new Array<number>(ax.inLen).fill(0);
  const dw = new Array<number>(ax.k).fill(0);
  for (let m = 0; m < ax.outLen; m++) {
    for (let a = 0; a < ax.k; a++) {
      const i = m * ax.s + a - ax.before;
      if (i < 0 || i >= ax.inLen) continue;
      dx[i] += dy[m] * w[a];
      dw[a] += x[i] * dy[m];
    }
  }
  return { dx, dw };
}

function keep(p: AxisPlan, out: number[]): number[] {
  if (p.keepFrom + p.keep > out.length) throw new Error(`plan keeps [${p.keepFrom}, +${p.keep}) of ${out.length}`);
  return out.slice(p.keepFrom, p.keepFrom + p.keep);
}

function viaInputPlan(ax: ConvAxis, w: number[], dy: number[]): number[] {
  const p = inputGradAxis(ax);
  const z = dy.flatMap((v) => [...new Array<number>(p.zerosBefore).fill(0), v, ...new Array<number>(p.zerosAfter).fill(0)]);
  const padded = [...new Array<number>(p.padBefore).fill(0), ...z, ...new Array<number>(p.padAfter).fill(0)];
  const out = Array.from({ length: padded.length - ax.k + 1 }, (_, j) => w.reduce((acc, _w, a) => acc + padded[j + a] * w[ax.k - 1 - a], 0));
  if (out.length !== p.convOut) throw new Error(`convOut ${p.convOut} but the conv gives ${out.length}`);
  return keep(p, out);
}

function viaFilterPlan(ax: ConvAxis, x: number[], dy: number[]): number[] {
  const p = filterGradAxis(ax);
  const padded = [...new Array<number>(p.padBefore).fill(0), ...x, ...new Array<number>(p.padAfter).fill(0)];
  const out = Array.from({ length: padded.length - (ax.outLen - 1) * ax.s }, (_, a) => dy.reduce((acc, d, m) => acc + padded[a + m * ax.s] * d, 0));
  if (out.length !== p.convOut) throw new Error(`convOut ${p.convOut} but the conv gives ${out.length}`);
  return keep(p, out);
}

function randomAxis(r: ReturnType<typeof createStream>): ConvAxis {
  const k = [1, 2, 3, 4, 5, 11][r.int(6)];
  const s = 1 + r.int(4);
  const before = r.int(k + 3); // up to past the filter size: explicit pads can be anything
  const after = r.int(k + 3);
  const inLen = Math.max(1, k - before - after) + r.int(14);
  const floorOut = Math.floor((inLen + before + after - k) / s) + 1;
  const outLen = floorOut + (r.int(4) === 0 ? 1 : 0); // sometimes one more, as 'ceil' rounding gives
  return { inLen, k, s, before, outLen };
}

t.test('input and filter gradient plans match brute force on 2000 random axes', async (t) => {
  const r = createStream(20240611);
  let sliced = 0;
  const wrong: string[] = [];
  for (let n = 0; n < 2000; n++) {
    const ax = randomAxis(r);
    const [x, w, dy] = [ints(ax.inLen, n), ints(ax.k, n + 1), ints(ax.outLen, n + 2)];
    const ref = reference(ax, x, w, dy);
    if (JSON.stringify(viaInputPlan(ax, w, dy)) !== JSON.stringify(ref.dx)) wrong.push(`dx ${JSON.stringify(ax)}`);
    if (JSON.stringify(viaFilterPlan(ax, x, dy)) !== JSON.stringify(ref.dw)) wrong.push(`dw ${JSON.stringify(ax)}`);
    if (needsSlice(inputGradAxis(ax))) sliced++;
  }
  t.same(wrong.slice(0, 10), [], 'no axis where a plan disagrees with brute force');
  t.ok(sliced > 0, 'some cases needed the slice path');
});

t.test("'same' stride 1 needs no slice and no extra pads", async (t) => {
  for (const k of [1, 3, 5]) {
    const ax = { inLen: 9, k, s: 1, before: (k - 1) / 2, outLen: 9 };
    const p = inputGradAxis(ax);
    t.same([p.padBefore, p.padAfter, needsSlice(p)], [(k - 1) / 2, (k - 1) / 2, false], `k=${k} input`);
    t.notOk(needsSlice(filterGradAxis(ax)), `k=${k} filter`);
  }
});
