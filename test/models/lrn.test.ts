import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import {
  LRN_ALPHA_READING_NAMES, PAPER_LRN, PAPER_LRN_PARAMS, effectiveAlpha, localResponseNorm, lrnConfig, pytorchLrnParams, tfjsLrnParams, validateLrn,
} from '../../src/models/lrn.js';

await tf.setBackend('cpu');

t.test('PAPER_LRN holds the paper constants (section 3.3) and maps to tfjs and PyTorch', async (t) => {
  t.same({ ...PAPER_LRN }, { k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula', effectiveAlpha: 1e-4 });
  t.same({ ...PAPER_LRN_PARAMS }, { k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula' });
  t.ok(Object.isFrozen(PAPER_LRN) && Object.isFrozen(PAPER_LRN_PARAMS));
  t.same(tfjsLrnParams(PAPER_LRN), { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }, 'tfjs: alpha not divided by n');
  const pt = pytorchLrnParams(PAPER_LRN);
  t.equal(pt.size, 5);
  t.equal(pt.k, 2);
  t.equal(pt.beta, 0.75);
  t.ok(Math.abs(pt.alpha - 5e-4) < 1e-15, 'PyTorch: alpha * n, because it divides by size');
});

t.test('LRN matches values computed by hand from the paper formula', async (t) => {
  // A large alpha so that "divided by n or not" changes the result visibly.
  const lrn = lrnConfig({ k: 2, n: 5, alpha: 0.1, beta: 0.75, alphaReading: 'formula' });
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 1, 1, 6]);
  const y = localResponseNorm(x, lrn);
  const got = Array.from(y.dataSync());
  // b_i = a_i / (k + alpha * sum_{j=max(0,i-2)}^{min(5,i+2)} a_j^2)^beta, computed by hand:
  // i=0: sum 1+4+9 = 14        -> 1 / 3.4^0.75 = 0.399384
  // i=1: sum 1+4+9+16 = 30     -> 2 / 5.0^0.75 = 0.598140
  // i=2: sum 1+4+9+16+25 = 55  -> 3 / 7.5^0.75 = 0.661950
  // i=5: sum 16+25+36 = 77     -> 6 / 9.7^0.75 = 1.091622
  const expected: Array<[number, number]> = [[0, 0.399384], [1, 0.59814], [2, 0.66195], [5, 1.091622]];
  for (const [i, want] of expected) t.ok(Math.abs(got[i] - want) < 1e-5, `channel ${i}: ${got[i]} ~ ${want}`);
  // The general formula, for every channel.
  const a = [1, 2, 3, 4, 5, 6];
  a.forEach((ai, i) => {
    let sum = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(5, i + 2); j++) sum += a[j] * a[j];
    t.ok(Math.abs(got[i] - ai / Math.pow(2 + 0.1 * sum, 0.75)) < 1e-5, `channel ${i} by formula`);
  });
  tf.dispose([x, y]);
});

t.test('the alpha readings: as printed, or divided by n as the authors\' code does', async (t) => {
  t.same([...LRN_ALPHA_READING_NAMES], ['formula', 'cuda-convnet']);
  t.equal(effectiveAlpha(PAPER_LRN), 1e-4, 'formula: alpha per squared term');
  const cuda = lrnConfig({ ...PAPER_LRN_PARAMS, alphaReading: 'cuda-convnet' });
  // 1e-4 / 5 in floating point; 1e-18 is far below the 2e-5 being checked.
  t.ok(Math.abs(cuda.effectiveAlpha - 2e-5) < 1e-18, `cuda-convnet: alpha / n = ${cuda.effectiveAlpha}`);
  t.equal(cuda.alpha, 1e-4, 'the configured alpha is recorded as given');
  t.equal(tfjsLrnParams(cuda).alpha, cuda.effectiveAlpha, 'tfjs gets the per-term alpha');
  // PyTorch divides by size again: per-term alpha x n = the configured alpha (float rounding only).
  t.ok(Math.abs(pytorchLrnParams(cuda).alpha - 1e-4) < 1e-18, 'PyTorch: per-term alpha x n');
});

t.test('the cuda-convnet reading normalises as the formula with alpha / n', async (t) => {
  const x = tf.tensor4d([1, -2, 3, 4, -5, 6, 0.5], [1, 1, 1, 7]);
  const cuda = localResponseNorm(x, lrnConfig({ k: 2, n: 5, alpha: 0.5, beta: 0.75, alphaReading: 'cuda-convnet' }));
  const formula = localResponseNorm(x, lrnConfig({ k: 2, n: 5, alpha: 0.1, beta: 0.75, alphaReading: 'formula' }));
  const [a, b] = [cuda, formula].map((y) => Array.from(y.dataSync()));
  // Same op, same arguments (0.5 / 5 = 0.1 exactly in float32 once tfjs casts it): equal bits.
  t.same(a, b);
  tf.dispose([x, cuda, formula]);
});

t.test('two towers: each normalises its own channels; only the channels by the boundary change', async (t) => {
  // 12 channels, 2 towers of 6; n = 5 reaches 2 channels to each side, so the windows of
  // channels 4, 5 (last of tower 1) and 6, 7 (first of tower 2) cross the boundary.
  const lrn = lrnConfig({ k: 2, n: 5, alpha: 0.1, beta: 0.75, alphaReading: 'formula' });
  const x = tf.tidy(() => tf.add(tf.randomNormal([2, 3, 3, 12], 0, 1, 'float32', 5), 0.5)) as tf.Tensor4D;
  const one = localResponseNorm(x, lrn, 1);
  const two = localResponseNorm(x, lrn, 2);
  const [a, b] = [one, two].map((y) => y.arraySync() as number[][][][]);
  const boundary = new Set([4, 5, 6, 7]);
  let sameElsewhere = true;
  let differAtBoundary = true;
  for (let i = 0; i < 2; i++) for (let h = 0; h < 3; h++) for (let w = 0; w < 3; w++) for (let c = 0; c < 12; c++) {
    const equal = Object.is(a[i][h][w][c], b[i][h][w][c]);
    if (boundary.has(c)) differAtBoundary &&= !equal;
    else sameElsewhere &&= equal;
  }
  t.ok(sameElsewhere, 'bit-identical away from the boundary (the same window, summed in the same order)');
  t.ok(differAtBoundary, 'different wherever a window would straddle the towers');
  // Each tower alone is the one-window LRN of its own channels.
  const halves = tf.split(x, 2, 3) as tf.Tensor4D[];
  const expected = tf.concat4d(halves.map((h) => localResponseNorm(h, lrn)), 3);
  t.same(Array.from(two.dataSync()), Array.from(expected.dataSync()));
  tf.dispose([x, one, two, expected, ...halves]);
});

t.test('LRN parameters are validated', async (t) => {
  t.throws(() => validateLrn({ ...PAPER_LRN, n: 4 }), /lrn\.n: 4 .*odd/);
  t.throws(() => validateLrn({ ...PAPER_LRN, alphaReading: 'caffe' as 'formula' }), /lrn\.alphaReading: "caffe" is not allowed; use "formula" or "cuda-convnet"/);
  t.throws(() => validateLrn({ ...PAPER_LRN, alphaReading: 'cuda-convnet' }), /lrn\.effectiveAlpha: 0\.0001 disagrees with alpha 0\.0001 read as "cuda-convnet"; use 0\.00002/);
  t.throws(() => validateLrn({ ...PAPER_LRN, alpha: 0 }), /lrn\.alpha/);
  t.throws(() => validateLrn({ ...PAPER_LRN, beta: -1 }), /lrn\.beta/);
  t.throws(() => validateLrn({ ...PAPER_LRN, k: Number.NaN }), /lrn\.k/);
  t.doesNotThrow(() => validateLrn(PAPER_LRN));
});
