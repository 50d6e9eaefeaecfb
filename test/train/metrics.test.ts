import t from 'tap';
import { useCpu } from '../helpers/tf.js';
import { crossEntropy, labelScores, RunningMetrics, topKMisses } from '../../src/train/metrics.js';

/** Misses per k of `rows` (one label each), as plain numbers. */
async function misses(rows: number[][], labels: number[], ks: number[]): Promise<number[]> {
  const tf = await useCpu();
  return tf.tidy(() => topKMisses(tf.tensor2d(rows), tf.tensor1d(labels, 'int32'), ks)).data().then((d) => [...d]);
}

t.test('top-k misses count labels outside the k largest scores', async (t) => {
  t.same(await misses([
    [3, 2, 1, 0], // label 0: rank 0
    [3, 2, 1, 0], // label 2: rank 2
    [0, 1, 2, 3], // label 0: rank 3
  ], [0, 2, 0], [1, 3]), [2, 1]);
});

t.test('a strict top-k hit is a hit, and only from that k on', async (t) => {
  // Label 1 has one larger score: a miss at k = 1, a hit at k = 2, 3, 4.
  t.same(await misses([[3, 2, 1, 0]], [1], [1, 2, 3, 4]), [1, 0, 0, 0]);
});

t.test('a tie at the k-th place is a miss', async (t) => {
  // Label 2 scores 2; classes 0 (3) and 1 (2, tied) are >= it: rank 2, a miss at k = 1 and 2.
  t.same(await misses([[3, 2, 2, 1]], [2], [1, 2, 3]), [1, 1, 0]);
  // Tied with the top score: not a top-1 hit.
  t.same(await misses([[5, 5, 1, 0]], [0], [1, 2]), [1, 0]);
});

t.test('constant scores miss at every k below the number of classes', async (t) => {
  // rank = classes - 1 for every row: a miss at every k < 4, a hit only at k = 4 (every class).
  t.same(await misses([[0, 0, 0, 0], [7, 7, 7, 7], [-1e30, -1e30, -1e30, -1e30]], [0, 3, 1], [1, 2, 3, 4]), [3, 3, 3, 0]);
});

t.test('a row with any non-finite score misses at every k, even k = classes', async (t) => {
  const ks = [1, 2, 4];
  t.same(await misses([[NaN, NaN, NaN, NaN]], [0], ks), [1, 1, 1], 'NaN everywhere');
  t.same(await misses([[9, NaN, 0, 0]], [0], ks), [1, 1, 1], 'NaN elsewhere than the label');
  t.same(await misses([[Infinity, 0, 0, 0]], [0], ks), [1, 1, 1], 'Infinity at the label');
  t.same(await misses([[1, -Infinity, 0, 0]], [0], ks), [1, 1, 1], '-Infinity elsewhere');
  t.same(await misses([[Infinity, Infinity, Infinity, Infinity]], [2], ks), [1, 1, 1], 'Infinity everywhere');
  t.same(await misses([[NaN, NaN, NaN, NaN], [3, 2, 1, 0]], [0, 0], ks), [1, 1, 1], 'only the non-finite row misses');
});

t.test('the label score is read without touching the other classes', async (t) => {
  const tf = await useCpu();
  // A product with one-hot labels would give 0 * Infinity = NaN here.
  const s = await tf.tidy(() => labelScores(tf.tensor2d([[Infinity, 2, 0], [1, -Infinity, 5]]), tf.tensor1d([1, 2], 'int32'))).data();
  t.same([...s], [2, 5]);
});

t.test('no tensor outlives topKMisses', async (t) => {
  const tf = await useCpu();
  const scores = tf.tensor2d([[1, 2], [2, 1]]);
  const labels = tf.tensor1d([0, 0], 'int32');
  const before = tf.memory().numTensors;
  topKMisses(scores, labels, [1, 2]).dispose();
  t.equal(tf.memory().numTensors, before);
  tf.dispose([scores, labels]);
});

t.test('cross-entropy of uniform logits is log(classes)', async (t) => {
  const tf = await useCpu();
  const loss = await crossEntropy(tf.zeros([2, 10]) as never, tf.oneHot(tf.tensor1d([1, 2], 'int32'), 10) as never).data();
  // float32 log-softmax of equal values: exact to about 1e-6.
  t.ok(Math.abs(loss[0] - Math.log(10)) < 1e-5);
});

t.test('running metrics average over examples and do not leak', async (t) => {
  const tf = await useCpu();
  const before = tf.memory().numTensors;
  const m = new RunningMetrics([1, 5]);
  m.add(tf.scalar(1), tf.tensor1d([2, 0]), 4);
  m.add(tf.scalar(3), tf.tensor1d([1, 1]), 4);
  const r = await m.read();
  t.equal(r.loss, 2);
  t.same(r.errors, { top1: 3 / 8, top5: 1 / 8 });
  t.same(await m.readErrors(), r.errors);
  m.dispose();
  // the two scalars and two misses tensors passed in stay owned by the caller
  t.equal(tf.memory().numTensors, before + 4);
});

t.test('running metrics restart from zero on reset and continue from saved sums', async (t) => {
  const tf = await useCpu();
  const m = new RunningMetrics([1]);
  m.add(tf.scalar(1), tf.tensor1d([3]), 4);
  const saved = await m.sums();
  t.same(saved, { lossSum: 4, missSums: [3], examples: 4 });
  m.reset();
  t.same(await m.sums(), { lossSum: 0, missSums: [0], examples: 0 });
  m.add(tf.scalar(2), tf.tensor1d([1]), 4);
  t.same(await m.readErrors(), { top1: 1 / 4 }, 'only the images since the reset');
  const continued = new RunningMetrics([1], saved);
  continued.add(tf.scalar(2), tf.tensor1d([1]), 4);
  t.same(await continued.read(), { loss: 12 / 8, errors: { top1: 4 / 8 } });
  t.throws(() => new RunningMetrics([1, 5], saved), /expected 2 miss sums, got 1/);
  m.dispose();
  continued.dispose();
});
