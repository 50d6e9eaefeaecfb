import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PAPER_LRN, localResponseNorm, pytorchLrnParams, tfjsLrnParams, validateLrn } from '../../src/models/lrn.js';

await tf.setBackend('cpu');

t.test('PAPER_LRN holds the paper constants (section 3.3) and maps to tfjs and PyTorch', async (t) => {
  t.same({ ...PAPER_LRN }, { k: 2, n: 5, alpha: 1e-4, beta: 0.75 });
  t.ok(Object.isFrozen(PAPER_LRN));
  t.same(tfjsLrnParams(PAPER_LRN), { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 }, 'tfjs: alpha not divided by n');
  const pt = pytorchLrnParams(PAPER_LRN);
  t.equal(pt.size, 5);
  t.equal(pt.k, 2);
  t.equal(pt.beta, 0.75);
  t.ok(Math.abs(pt.alpha - 5e-4) < 1e-15, 'PyTorch: alpha * n, because it divides by size');
});

t.test('LRN matches values computed by hand from the paper formula', async (t) => {
  // A large alpha so that "divided by n or not" changes the result visibly.
  const lrn = { k: 2, n: 5, alpha: 0.1, beta: 0.75 };
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

t.test('LRN parameters are validated', async (t) => {
  t.throws(() => validateLrn({ ...PAPER_LRN, n: 4 }), /lrn\.n: 4 .*odd/);
  t.throws(() => validateLrn({ ...PAPER_LRN, alpha: 0 }), /lrn\.alpha/);
  t.throws(() => validateLrn({ ...PAPER_LRN, beta: -1 }), /lrn\.beta/);
  t.throws(() => validateLrn({ ...PAPER_LRN, k: Number.NaN }), /lrn\.k/);
  t.doesNotThrow(() => validateLrn(PAPER_LRN));
});
