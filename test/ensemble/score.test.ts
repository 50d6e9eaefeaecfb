/**
 * Ensemble scoring on constructed log-probabilities: the running log-sum-exp keeps one
 * member bit for bit, averages members without underflow, and the scores go through the
 * training-time top-k rule (ties and non-finite rows are misses).
 */
import t from 'tap';
import { useCpu } from '../helpers/tf.js';
import { logAddExp } from '../../src/ensemble/member-scores.js';
import { scoreLogProbabilities } from '../../src/ensemble/score.js';
import { topKMisses } from '../../src/train/metrics.js';

/** The running sums after adding each member's [images * classes] log-probabilities, as accumulateMember does. */
function accumulate(members: number[][]): Float64Array {
  const sums = new Float64Array(members[0].length).fill(-Infinity);
  for (const m of members) m.forEach((v, i) => (sums[i] = logAddExp(sums[i], v)));
  return sums;
}

const score = (members: number[][], labels: number[], topK = [1, 2, 3]) =>
  scoreLogProbabilities({ logSums: accumulate(members), members: members.length, labels, classes: 4, topK });

t.test('log-add-exp: -Infinity is an exact identity, NaN propagates, large values do not overflow', async (t) => {
  for (const x of [Math.fround(-1.2345678), -0, 0, Math.fround(-87.3), -1e-30]) {
    t.equal(logAddExp(-Infinity, x), x);
    t.equal(logAddExp(x, -Infinity), x);
  }
  t.equal(logAddExp(-Infinity, -Infinity), -Infinity);
  t.ok(Number.isNaN(logAddExp(NaN, 1)) && Number.isNaN(logAddExp(1, NaN)) && Number.isNaN(logAddExp(-Infinity, NaN)));
  // float64 against the direct formula at moderate values: agreement to 1e-15 relative.
  for (const [a, b] of [[-1, -2], [-0.5, -0.5], [-30, -3]]) {
    const direct = Math.log(Math.exp(a) + Math.exp(b));
    t.ok(Math.abs(logAddExp(a, b) - direct) <= 1e-15 * Math.abs(direct), `${a}, ${b}`);
  }
  t.equal(logAddExp(1000, 1000), 1000 + Math.log(2), 'exp(1000) overflows; the stable form does not');
});

t.test('one member: its own scores, ranked by the one top-k rule, its loss the mean of minus its label score', async (t) => {
  const tf = await useCpu();
  const logp = [[-0.1, -2.5, -3, -4], [-1.4, -1.4, -1.4, -1.4].map(Math.fround), [-3, -0.2, -2, -5], [-2, -2, -0.5, -3]].map((r) => r.map(Math.fround));
  const labels = [0, 2, 2, 1];
  const r = await score([logp.flat()], labels);
  const expected = await topKMisses(tf.tensor2d(logp), tf.tensor1d(labels, 'int32'), [1, 2, 3]).data();
  t.same(r.errors, { top1: expected[0] / 4, top2: expected[1] / 4, top3: expected[2] / 4 });
  // Row 1 (constant) is a miss at k < 4, row 2 a top-2 hit, row 3 (label tied at second place) a top-3 hit.
  t.same(r.errors, { top1: 3 / 4, top2: 2 / 4, top3: 1 / 4 });
  t.equal(r.loss, -(logp[0][0] + logp[1][2] + logp[2][2] + logp[3][1]) / 4, 'float64 sums of the same float32 values: equal, not close');
});

t.test('members average in the log domain: probabilities far below float32 range still rank', async (t) => {
  // The label's probability is e^-200 in one member and e^-210 in the other (0 in float32); class 2 is e^-300.
  const a = [0, -200, -300, -110];
  const b = [0, -210, -320, -115];
  const r = await score([a, b], [1]);
  t.same(r.errors, { top1: 1, top2: 1, top3: 0 }, 'classes 0 and 3 above the label, class 2 below: rank 2');
  const expectedLoss = -(-200 + Math.log1p(Math.exp(-10)) - Math.log(2));
  // Scores are rounded to float32 for ranking only; the loss stays float64: 1e-12 is float64 rounding near 200.
  t.ok(Math.abs(r.loss - expectedLoss) < 1e-12, `loss ${r.loss} vs ${expectedLoss}`);
});

t.test('ties and non-finite members are misses, and a non-finite loss is reported as such', async (t) => {
  const uniform = Array(4).fill(Math.log(0.25));
  const constant = await score([uniform, uniform], [3]);
  t.same(constant.errors, { top1: 1, top2: 1, top3: 1 }, 'identical scores: a miss at every k below the classes');
  t.ok(Math.abs(constant.loss - Math.log(4)) < 1e-15, 'the loss of the average is log(4)');
  const good = [-0.01, -5, -6, -7];
  const nan = await score([good, [NaN, NaN, NaN, NaN]], [0]);
  t.same(nan.errors, { top1: 1, top2: 1, top3: 1 }, 'one NaN member spoils the image');
  t.ok(Number.isNaN(nan.loss), 'and the loss is NaN, not floored');
  const inf = await score([good, [0, -Infinity, -Infinity, -Infinity]], [0]);
  t.same(inf.errors, { top1: 0, top2: 0, top3: 0 }, 'a probability of exactly 0 in one member is finite in the average');
});

t.test('many images are ranked in blocks with the same result as one call', async (t) => {
  const tf = await useCpu();
  const n = 2500; // more than two blocks
  const rows = Array.from({ length: n }, (_, i) => [0, 1, 2, 3].map((c) => Math.fround(-((i * 7 + c * 13) % 11) / 3)));
  const labels = rows.map((_, i) => (i * 5) % 4);
  const r = await scoreLogProbabilities({ logSums: Float64Array.from(rows.flat()), members: 1, labels, classes: 4, topK: [1, 2] });
  const whole = await topKMisses(tf.tensor2d(rows), tf.tensor1d(labels, 'int32'), [1, 2]).data();
  t.same(r.errors, { top1: whole[0] / n, top2: whole[1] / n });
  t.ok(whole[0] > 0 && whole[0] < n, 'some hits and some misses');
});
