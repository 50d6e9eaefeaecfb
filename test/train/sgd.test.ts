import t from 'tap';
import { useCpu } from '../helpers/tf.js';
import { createSgd } from '../../src/train/sgd.js';

t.test('one SGD step follows the paper update rule', async (t) => {
  const tf = await useCpu();
  const start = tf.memory().numTensors;
  const w = tf.variable(tf.tensor1d([1, -2]));
  const sgd = createSgd({ weights: [{ name: 'w', variable: w }], momentum: 0.9, weightDecay: 0.0005 });
  const lr = 0.1;
  // v1 = -wd*lr*w - lr*g ; w1 = w + v1 ; v2 = 0.9 v1 - wd*lr*w1 - lr*g ; w2 = w1 + v2
  const g = [0.5, 0.25];
  const expected = [1, -2].map((w0, i) => {
    const v1 = -0.0005 * lr * w0 - lr * g[i];
    const w1 = w0 + v1;
    const v2 = 0.9 * v1 - 0.0005 * lr * w1 - lr * g[i];
    return w1 + v2;
  });
  for (let i = 0; i < 2; i++) sgd.step({ [w.name]: tf.tensor1d(g) }, lr);
  const got = await w.data();
  // float32 arithmetic on values near 1: 1e-6 absolute is a few ulps.
  expected.forEach((e, i) => t.ok(Math.abs(got[i] - e) < 1e-6, `w[${i}] ${got[i]} vs ${e}`));
  const before = tf.memory().numTensors;
  sgd.step({ [w.name]: tf.tensor1d(g) }, lr);
  t.equal(tf.memory().numTensors, before, 'a step leaks no tensors and disposes the gradients');
  t.equal(sgd.velocities().length, 1);
  sgd.dispose();
  w.dispose();
  // The tensor1d given to tf.variable above is the test's own leak: one tensor.
  t.equal(tf.memory().numTensors, start + 1, 'dispose frees the velocities');
});

t.test('a missing gradient is an error, not a silent skip', async (t) => {
  const tf = await useCpu();
  const w = tf.variable(tf.tensor1d([1]));
  const sgd = createSgd({ weights: [{ name: 'w', variable: w }], momentum: 0.9, weightDecay: 0 });
  t.throws(() => sgd.step({}, 0.1), /no gradient/);
  sgd.dispose();
  w.dispose();
});
