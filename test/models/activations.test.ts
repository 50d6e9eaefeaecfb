import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ACTIVATIONS, ACTIVATION_NAMES, isActivation, requireActivation } from '../../src/models/activations.js';

await tf.setBackend('cpu');

t.test('the registry: names in declaration order, each described', async (t) => {
  t.same([...ACTIVATION_NAMES], Object.keys(ACTIVATIONS));
  for (const name of ACTIVATION_NAMES) {
    t.ok(ACTIVATIONS[name].description.length > 10, `${name} has a description`);
    t.ok(isActivation(name));
  }
  t.notOk(isActivation('relu6'));
  t.notOk(isActivation(undefined));
});

t.test('every activation maps a tensor to one of the same shape, finite', async (t) => {
  const x = tf.tensor2d([[-3, -0.5, 0], [0.25, 2, 40]]);
  for (const name of ACTIVATION_NAMES) {
    const y = ACTIVATIONS[name].apply(x);
    t.same(y.shape, x.shape, name);
    t.equal(y.dtype, 'float32', name);
    t.ok(Array.from(y.dataSync()).every(Number.isFinite), `${name}: finite`);
    y.dispose();
  }
  x.dispose();
});

t.test('relu and tanh are the ops of the paper (section 3.1)', async (t) => {
  const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2]);
  t.same(Array.from(ACTIVATIONS.relu.apply(x).dataSync()), [0, 0, 0, 0.5, 2]);
  const tanh = Array.from(ACTIVATIONS.tanh.apply(x).dataSync());
  // float32 tanh against float64 Math.tanh: within a few float32 ulps of values below 1.
  [-2, -0.5, 0, 0.5, 2].forEach((v, i) => t.ok(Math.abs(tanh[i] - Math.tanh(v)) < 1e-6, `tanh(${v})`));
});

t.test('sigmoid is the logistic function (section 3.1: f(x) = (1 + e^-x)^-1)', async (t) => {
  const x = tf.tensor1d([-2, -0.5, 0, 0.5, 2, 40]);
  const y = Array.from(ACTIVATIONS.sigmoid.apply(x).dataSync());
  // float32 against float64: within a few float32 ulps of values below 1.
  [-2, -0.5, 0, 0.5, 2, 40].forEach((v, i) => t.ok(Math.abs(y[i] - 1 / (1 + Math.exp(-v))) < 1e-6, `sigmoid(${v})`));
  t.equal(y[2], 0.5, 'exactly 1/2 at 0');
});

t.test('an undeclared activation is an InputError listing the declared ones', async (t) => {
  const listed = ACTIVATION_NAMES.map((a) => `"${a}"`);
  const use = `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`; // today: "relu", "tanh" or "sigmoid"
  t.throws(() => requireActivation('relu6'), { message: `activation: "relu6" is not allowed; use ${use}`, exitCode: 2 });
  t.doesNotThrow(() => requireActivation('tanh'));
});
