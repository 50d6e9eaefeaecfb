import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { groupedConv2d } from '../../src/models/grouped-conv.js';

await tf.setBackend('cpu');

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

t.test('grouped conv with 2 groups equals two separate convs concatenated', async (t) => {
  const x = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 11) as tf.Tensor4D;
  const kernel = tf.randomNormal([3, 3, 2, 6], 0, 1, 'float32', 12) as tf.Tensor4D;
  for (const { stride, padding } of [{ stride: 1, padding: 1 }, { stride: 2, padding: 0 }]) {
    const grouped = groupedConv2d(x, kernel, { groups: 2, stride, padding });
    const manual = tf.tidy(() => {
      const lo = tf.conv2d(tf.slice(x, [0, 0, 0, 0], [-1, -1, -1, 2]), tf.slice(kernel, [0, 0, 0, 0], [-1, -1, -1, 3]), stride, padding);
      const hi = tf.conv2d(tf.slice(x, [0, 0, 0, 2], [-1, -1, -1, 2]), tf.slice(kernel, [0, 0, 0, 3], [-1, -1, -1, 3]), stride, padding);
      return tf.concat([lo, hi], 3);
    });
    t.same(grouped.shape, manual.shape, `stride ${stride} pad ${padding}: shape`);
    t.ok(maxAbsDiff(grouped, manual) < 1e-5, `stride ${stride} pad ${padding}: values`);
    tf.dispose([grouped, manual]);
  }
  tf.dispose([x, kernel]);
});

t.test('grouped conv equals a dense conv with a block-diagonal kernel', async (t) => {
  const x = tf.randomNormal([1, 6, 6, 4], 0, 1, 'float32', 21) as tf.Tensor4D;
  const kernel = tf.randomNormal([3, 3, 2, 4], 0, 1, 'float32', 22) as tf.Tensor4D;
  const dense = tf.tidy(() => {
    // Input channels 0-1 feed outputs 0-1 only, 2-3 feed 2-3 only: the towers never mix.
    const z = tf.zeros([3, 3, 2, 2]);
    const top = tf.concat([tf.slice(kernel, [0, 0, 0, 0], [-1, -1, -1, 2]), z], 3);
    const bottom = tf.concat([z, tf.slice(kernel, [0, 0, 0, 2], [-1, -1, -1, 2])], 3);
    return tf.conv2d(x, tf.concat([top, bottom], 2) as tf.Tensor4D, 1, 1);
  });
  const grouped = groupedConv2d(x, kernel, { groups: 2, stride: 1, padding: 1 });
  t.ok(maxAbsDiff(grouped, dense) < 1e-5);
  tf.dispose([x, kernel, dense, grouped]);
});

t.test('one group is an ordinary conv; mismatched channels are rejected; nothing leaks', async (t) => {
  const x = tf.randomNormal([1, 5, 5, 4], 0, 1, 'float32', 31) as tf.Tensor4D;
  const k4 = tf.randomNormal([3, 3, 4, 2], 0, 1, 'float32', 32) as tf.Tensor4D;
  const k2 = tf.randomNormal([3, 3, 2, 2], 0, 1, 'float32', 33) as tf.Tensor4D;
  const before = tf.memory().numTensors;
  const a = groupedConv2d(x, k4, { groups: 1, stride: 1, padding: 1 });
  const b = tf.conv2d(x, k4, 1, 1);
  t.equal(maxAbsDiff(a, b), 0);
  const g = groupedConv2d(x, k2, { groups: 2, stride: 1, padding: 0 });
  t.same(g.shape, [1, 3, 3, 2]);
  t.throws(() => groupedConv2d(x, k4, { groups: 2, stride: 1, padding: 0 }), /grouped conv: input has 4 channels/);
  tf.dispose([a, b, g]);
  t.equal(tf.memory().numTensors, before, 'no intermediate tensors remain');
  tf.dispose([x, k4, k2]);
});
