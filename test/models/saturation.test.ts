/**
 * Saturation (models/saturation.ts) on constructed activations: the thresholds on each
 * side of each activation's boundary, the fraction over a batch, and each rule's
 * derivative against the activation's own gradient.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { useCpu } from '../helpers/tf.js';
import { ensureGradients } from '../../src/engine/gradients.js';
import { ACTIVATIONS, ACTIVATION_NAMES } from '../../src/models/activations.js';
import { SATURATION_RULES, saturatedFraction, saturatedUnits } from '../../src/models/saturation.js';

await useCpu();

const units = (y: number[], activation: keyof typeof SATURATION_RULES) =>
  Array.from(saturatedUnits(tf.tensor1d(y), activation).dataSync());

// Each probe sits at least 1e-4 from its boundary, a thousand float32 roundings away.
t.test('tanh: saturated where |y| > sqrt(0.9) ~ 0.94868', async (t) => {
  t.same(units([0, 0.5, 0.9486, 0.9488, -0.9486, -0.9488, 0.99, -1, 1], 'tanh'), [0, 0, 0, 1, 0, 1, 1, 1, 1]);
});

t.test('sigmoid: saturated where y < 0.02566 or y > 0.97434 (y (1 - y) < 0.025)', async (t) => {
  t.same(units([0, 0.0256, 0.0258, 0.5, 0.9743, 0.9745, 1], 'sigmoid'), [1, 1, 0, 0, 0, 1, 1]);
});

t.test('relu: saturated exactly where the unit is 0', async (t) => {
  t.same(units([0, 1e-30, 0.5, 3], 'relu'), [1, 0, 0, 0], 'the smallest positive output still passes gradient');
});

t.test('the fraction over a batch counts every image, position and channel', async (t) => {
  // Image 1: 3 of 8 units at 0; image 2: 8 of 8; together 11 of 16.
  const y = tf.tensor4d([0, 0, 0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 0, 0, 0], [2, 2, 2, 2]);
  t.equal(saturatedFraction(y, 'relu').dataSync()[0], 11 / 16);
  t.equal(saturatedFraction(tf.tensor2d([[0.99, 0], [0.1, -0.97]]), 'tanh').dataSync()[0], 0.5, 'dense activations [batch, units]');
  const before = tf.memory().numTensors;
  saturatedFraction(y, 'sigmoid').dispose();
  t.equal(tf.memory().numTensors, before, 'nothing but the scalar is kept');
});

t.test("each rule's derivative is the activation's gradient at that output", async (t) => {
  await ensureGradients();
  const x = tf.tensor1d([-4, -1.5, -0.3, 0.2, 0.7, 2.5, 5]);
  const activations = { ...Object.fromEntries(ACTIVATION_NAMES.map((n) => [n, ACTIVATIONS[n].apply])), sigmoid: (v: tf.Tensor) => tf.sigmoid(v) };
  t.same(Object.keys(SATURATION_RULES).sort(), Object.keys(activations).sort(), 'one rule per activation');
  for (const [name, apply] of Object.entries(activations)) {
    const rule = SATURATION_RULES[name as keyof typeof SATURATION_RULES];
    const expected = tf.grad((v: tf.Tensor) => apply(v))(x).dataSync();
    const got = rule.derivative(apply(x)).dataSync();
    // float32 evaluation of two algebraically equal formulas: a few ulps of a value <= 1.
    for (let i = 0; i < got.length; i++) t.ok(Math.abs(got[i] - expected[i]) < 1e-6, `${name}'(${x.dataSync()[i]}): ${got[i]} vs ${expected[i]}`);
    t.equal(Math.max(...rule.derivative(apply(tf.linspace(-6, 6, 1201))).dataSync()), rule.maxDerivative, `${name}: the maximum derivative`);
  }
});
