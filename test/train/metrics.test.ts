import t from 'tap';
import { useCpu } from '../helpers/tf.js';
import { crossEntropy, RunningMetrics, topKMisses } from '../../src/train/metrics.js';

t.test('top-k misses count labels outside the k largest logits', async (t) => {
  const tf = await useCpu();
  const logits = tf.tensor2d([
    [3, 2, 1, 0], // label 0: rank 0
    [3, 2, 1, 0], // label 2: rank 2
    [0, 1, 2, 3], // label 0: rank 3
  ]);
  const labels = tf.tensor1d([0, 2, 0], 'int32');
  const misses = await topKMisses(logits, labels, [1, 3]).data();
  t.same([...misses], [2, 1]);
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
  m.dispose();
  // the two scalars and two misses tensors passed in stay owned by the caller
  t.equal(tf.memory().numTensors, before + 4);
});
