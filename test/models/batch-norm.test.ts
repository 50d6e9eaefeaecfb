/**
 * Batch normalization against a direct computation in double precision: batch statistics
 * (biased variance) while training, running statistics in evaluation, the running-average
 * update (momentum 0.1, unbiased variance), once per training-mode call; in the net:
 * before the activation of every conv layer, updated once per training step.
 */
import t, { type Test } from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../../src/engine/gradients.js';
import { buildAlexNet, type AlexNet } from '../../src/models/alexnet.js';
import { BATCH_NORM, batchNormInference, batchNormTraining, type BatchNormVariables } from '../../src/models/batch-norm.js';
import { convLayers } from '../../src/models/geometry.js';
import { variantConfig } from '../../src/models/variants.js';

await tf.setBackend('cpu');
await ensureGradients();

// float32 keeps about 7 significant digits; these few-op chains over at most a few hundred
// values of magnitude ~1 stay well inside 1e-5, while a wrong formula (the biased variance
// in the running average: a factor 18/17; epsilon left out where a running variance is
// 1e-5: a factor sqrt(2)) or a missed update is off by far more.
const TOLERANCE = 1e-5;

const SHAPE: [number, number, number, number] = [2, 3, 3, 4];
const N = 2 * 3 * 3;
const C = 4;

function close(t: Test, actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  const worst = Array.from(expected).reduce((m, e, i) => Math.max(m, Math.abs(actual[i] - e) / (1 + Math.abs(e))), 0);
  t.ok(actual.length === expected.length && worst < TOLERANCE, `${what} (worst relative difference ${worst.toExponential(1)})`);
}

function variables(): BatchNormVariables {
  return {
    gamma: tf.variable(tf.tensor1d([1.5, 0.5, -1, 2])),
    beta: tf.variable(tf.tensor1d([0, 0.25, 1, -0.5])),
    mean: tf.variable(tf.tensor1d([0.5, -0.5, 0, 1]), false),
    variance: tf.variable(tf.tensor1d([2, 1, 1e-5, 4]), false),
  };
}

/** Per channel of NHWC values: mean and biased variance in double precision. */
function channelStats(x: Float32Array): { mean: number[]; variance: number[] } {
  const mean = Array.from({ length: C }, (_, c) => x.filter((_, i) => i % C === c).reduce((a, b) => a + b, 0) / N);
  const variance = mean.map((m, c) => x.filter((_, i) => i % C === c).reduce((a, b) => a + (b - m) ** 2, 0) / N);
  return { mean, variance };
}

function normalised(x: Float32Array, mean: number[], variance: number[], v: { gamma: number[]; beta: number[] }): number[] {
  return Array.from(x, (value, i) => {
    const c = i % C;
    return (v.gamma[c] * (value - mean[c])) / Math.sqrt(variance[c] + BATCH_NORM.epsilon) + v.beta[c];
  });
}

const read = (v: tf.Tensor) => Array.from(v.dataSync());

t.test('training: batch statistics (biased variance), then the running averages move by momentum 0.1', async (t) => {
  const x = tf.randomNormal(SHAPE, 1, 2, 'float32', 5) as tf.Tensor4D;
  const v = variables();
  const [gamma, beta, mean0, variance0] = [v.gamma, v.beta, v.mean, v.variance].map(read);
  const xs = x.dataSync() as Float32Array;
  const stats = channelStats(xs);
  const before = tf.memory().numTensors;
  const y = batchNormTraining(x, v);
  t.equal(tf.memory().numTensors, before + 1, 'only the output is new');
  close(t, y.dataSync(), normalised(xs, stats.mean, stats.variance, { gamma, beta }), 'y = gamma (x - mu_B) / sqrt(var_B + eps) + beta');
  const mean1 = mean0.map((r, c) => 0.9 * r + 0.1 * stats.mean[c]);
  const variance1 = variance0.map((r, c) => 0.9 * r + 0.1 * stats.variance[c] * (N / (N - 1)));
  close(t, read(v.mean), mean1, 'running mean <- 0.9 mean + 0.1 mu_B');
  close(t, read(v.variance), variance1, 'running variance <- 0.9 variance + 0.1 var_B n / (n - 1)');
  batchNormTraining(x, v).dispose();
  close(t, read(v.mean), mean1.map((r, c) => 0.9 * r + 0.1 * stats.mean[c]), 'each call moves them once more');
  t.same(read(v.gamma), gamma, 'gamma is left to the optimizer');
  tf.dispose([x, y, ...Object.values(v)]);
});

t.test('evaluation: the running statistics, and nothing changes', async (t) => {
  const x = tf.randomNormal(SHAPE, 1, 2, 'float32', 6) as tf.Tensor4D;
  const v = variables();
  const [gamma, beta, mean, variance] = [v.gamma, v.beta, v.mean, v.variance].map(read);
  const y = batchNormInference(x, v);
  close(t, y.dataSync(), normalised(x.dataSync() as Float32Array, mean, variance, { gamma, beta }), 'y = gamma (x - mean) / sqrt(variance + eps) + beta');
  t.same([v.mean, v.variance].map(read), [mean, variance], 'running statistics unchanged');
  tf.dispose([x, y, ...Object.values(v)]);
});

t.test('the gradient flows through the batch statistics', async (t) => {
  const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 7) as tf.Tensor4D;
  const v = variables();
  const weights = tf.randomNormal(SHAPE, 0, 1, 'float32', 8);
  const dx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(batchNormTraining(input as tf.Tensor4D, v), weights)))(x);
  // The output does not change when a constant is added to a channel of x, so each
  // channel's gradient sums to 0; a gradient that ignored mu_B's dependence on x would not.
  const sums = read(tf.sum(dx, [0, 1, 2]));
  const scale = Math.max(...read(tf.abs(dx)));
  t.ok(sums.every((s) => Math.abs(s) < TOLERANCE * N * scale), `per-channel sums ${sums.map((s) => s.toExponential(1))} vanish`);
  tf.dispose([x, dx, weights, ...Object.values(v)]);
});

/** The four-layer net at 32 px and quarter width with batch normalization, its running statistics set away from their init. */
function bnNet(): AlexNet {
  const model = buildAlexNet(variantConfig('four-layer', { classes: 10, normalization: 'batchnorm', widthFactor: 0.25 }), { initSeed: 3 });
  model.state.forEach((s, i) => {
    const value = tf.randomUniform(s.variable.shape, 0.5, 1.5, 'float32', 20 + i);
    s.variable.assign(value);
    value.dispose();
  });
  return model;
}

const stateOf = (m: AlexNet) => m.state.map((s) => read(s.variable));

t.test('in the net: conv -> bias -> BN -> activation in every conv layer, with state the optimizer never sees', async (t) => {
  const model = bnNet();
  const config = model.config;
  t.same(model.state.map((s) => s.name), convLayers(config).flatMap((c) => [`${c.name}/bn/mean`, `${c.name}/bn/variance`]), 'fixed order');
  t.ok(model.state.every((s) => !s.variable.trainable), 'state is not trainable');
  t.same(model.weights.filter((w) => w.name.includes('/bn/')).map((w) => w.name), ['conv1', 'conv2', 'conv3'].flatMap((l) => [`${l}/bn/gamma`, `${l}/bn/beta`]));
  const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 10) as tf.Tensor4D;
  const w = (name: string) => [...model.weights, ...model.state].find((n) => n.name === name)!.variable;
  let conv1: tf.Tensor | undefined;
  const logits = model.apply(x, { training: false, tap: (p, h) => void (p.layer === 'conv1' && (conv1 = tf.keep(h))) });
  const direct = tf.tidy(() => {
    const pre = tf.add(tf.conv2d(x, w('conv1/kernel') as tf.Tensor4D, 1, 2), w('conv1/bias')) as tf.Tensor4D;
    return tf.relu(batchNormInference(pre, { gamma: w('conv1/bn/gamma'), beta: w('conv1/bn/beta'), mean: w('conv1/bn/mean'), variance: w('conv1/bn/variance') }));
  });
  // The same ops on the same inputs on the cpu backend: equal bits.
  t.same(read(conv1!), read(direct), 'conv1 activation = relu(BN(conv + bias)) with the running statistics');
  tf.dispose([logits, conv1!, direct, x]);
  model.dispose();
});

t.test('in the net: training mode moves the running statistics once per call, a training step once, evaluation never', async (t) => {
  const x = tf.randomNormal([4, 32, 32, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
  const [a, b] = [bnNet(), bnNet()];
  const initial = stateOf(a);
  tf.tidy(() => a.apply(x, { training: false, tap: () => undefined }));
  t.same(stateOf(a), initial, 'evaluation (with a tap) leaves the state alone');
  tf.tidy(() => a.apply(x, { training: true }));
  const once = stateOf(a);
  t.notSame(once, initial, 'a training pass moves it');
  tf.tidy(() => {
    const labels = tf.oneHot(tf.tensor1d([1, 3, 5, 7], 'int32'), 10);
    const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(labels, b.apply(x, { training: true })) as tf.Scalar);
    t.same(Object.keys(grads).length, b.weights.length, 'gradients for the trainable weights only');
  });
  t.same(stateOf(b), once, 'a forward and backward pass moves it exactly as one training pass does');
  tf.tidy(() => a.apply(x, { training: true }));
  t.notSame(stateOf(a), once, 'and the next pass again');
  [a, b, x].forEach((d) => d.dispose());
});
