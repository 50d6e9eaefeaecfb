/**
 * Gradient health of one training step (train-step.ts with measureHealth): the kernel
 * gradient norms equal a direct float64 computation from the same step's gradients (taken
 * before the update), the saturation fractions equal a count over the same forward pass's
 * activations, and measuring changes no weight bit and leaks no tensor.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { useCpu } from '../helpers/tf.js';
import { ensureGradients } from '../../src/engine/gradients.js';
import { buildAlexNet, type AlexNet } from '../../src/models/alexnet.js';
import type { AlexNetConfig } from '../../src/models/config.js';
import { variantConfig } from '../../src/models/variants.js';
import { l2Norm, readGradientHealth } from '../../src/train/gradient-health.js';
import { crossEntropy } from '../../src/train/metrics.js';
import { createSgd } from '../../src/train/sgd.js';
import { trainStep } from '../../src/train/train-step.js';
import type { Batch } from '../../src/train/batches.js';

await useCpu();
await ensureGradients();

const DROPOUT_SEED = 11;

function batchFor(config: AlexNetConfig): Batch {
  const size = 6;
  const x = tf.randomNormal([size, config.inputSize, config.inputSize, 3], 0, 1, 'float32', 5) as tf.Tensor4D;
  const labels = Int32Array.from({ length: size }, (_, i) => i % config.classes);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), config.classes), 'float32')) as tf.Tensor2D;
  return { x, y, labels, size };
}

const float64Norm = (values: ArrayLike<number>) => Math.sqrt(Array.from(values).reduce((s, v) => s + v * v, 0));

/** The step's kernel gradients (float64 norms) and activation saturation, computed directly. */
function direct(model: AlexNet, batch: Batch): { norms: Record<string, number>; saturation: Record<string, number> } {
  const activations = new Map<string, Float32Array>();
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(batch.x, {
      training: true, dropoutSeed: DROPOUT_SEED,
      tap: (p, a) => void (p.kind === 'activation' && activations.set(p.layer, a.dataSync() as Float32Array)),
    });
    return crossEntropy(logits, batch.y);
  });
  value.dispose();
  const norms: Record<string, number> = {};
  for (const w of model.weights.filter((w) => w.name.endsWith('/kernel'))) norms[w.name.replace('/kernel', '')] = float64Norm(grads[w.variable.name].dataSync());
  tf.dispose(grads);
  const saturated = (y: number) => (model.config.activation === 'relu' ? y === 0 : 1 - y * y < 0.1);
  const saturation = Object.fromEntries([...activations].map(([layer, a]) => [layer, a.filter(saturated).length / a.length]));
  return { norms, saturation };
}

for (const activation of ['relu', 'tanh'] as const) {
  t.test(`${activation}: norms and saturation of the step, before its update`, async (t) => {
    const config = variantConfig('paper', { inputSize: 67, classes: 10, widthFactor: 1 / 16, activation, initStd: 0.1 });
    const batch = batchFor(config);
    const measured = buildAlexNet(config, { initSeed: 3 });
    const plain = buildAlexNet(config, { initSeed: 3 });
    const expected = direct(measured, batch);
    const start = tf.memory().numTensors;
    const step = (model: AlexNet, measureHealth: boolean) => {
      const sgd = createSgd({ weights: model.weights, momentum: 0.9, weightDecay: 0.0005 });
      const r = trainStep({ model, sgd, batch, learningRate: 0.01, dropoutSeed: DROPOUT_SEED, topK: [1], measureHealth });
      tf.dispose([r.loss, r.misses]);
      sgd.dispose();
      return r.health;
    };
    t.equal(step(plain, false), null, 'no health unless asked');
    const health = step(measured, true)!;
    const got = await readGradientHealth(health);
    t.equal(tf.memory().numTensors, start, 'reading frees the health; the taps keep nothing else');
    t.same(Object.keys(got.norms), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8']);
    t.same(Object.keys(got.saturation), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7'], 'conv and hidden dense layers');
    for (const [layer, norm] of Object.entries(got.norms)) {
      // float32 squares summed in float32 over at most ~600 terms per stage: relative error well below 1e-5.
      t.ok(norm > 0 && Math.abs(norm - expected.norms[layer]) <= 1e-5 * expected.norms[layer], `${layer} norm ${norm} vs ${expected.norms[layer]}`);
    }
    for (const [layer, fraction] of Object.entries(got.saturation)) {
      // A mean of per-image means of 0/1 values in float32: a few ulps of a value <= 1.
      t.ok(Math.abs(fraction - expected.saturation[layer]) < 1e-6, `${layer} saturation ${fraction} vs ${expected.saturation[layer]}`);
    }
    if (activation === 'relu') t.ok(Object.values(got.saturation).some((f) => f > 0.2), 'some ReLUs inactive');
    else t.ok(Object.values(got.saturation).some((f) => f > 0), 'some tanh units saturated at init std 0.1');
    for (let i = 0; i < measured.weights.length; i++) {
      const [a, b] = [measured.weights[i].variable.dataSync(), plain.weights[i].variable.dataSync()];
      t.ok(Buffer.from(a.buffer).equals(Buffer.from(b.buffer)), `${measured.weights[i].name}: bit-identical after the update`);
    }
    const fresh = buildAlexNet(config, { initSeed: 3 });
    t.notSame(Array.from(measured.weights[0].variable.dataSync()), Array.from(fresh.weights[0].variable.dataSync()), 'the update happened');
    fresh.dispose();
    tf.dispose([batch.x, batch.y]);
    measured.dispose();
    plain.dispose();
  });
}

t.test('l2Norm over every rank matches a float64 norm', async (t) => {
  for (const shape of [[7], [13, 5], [3, 3, 4, 6], [2, 2, 2, 2, 3]]) {
    const g = tf.randomNormal(shape, 0, 0.3, 'float32', shape.length);
    const got = l2Norm(g).dataSync()[0];
    const want = float64Norm(g.dataSync());
    // float32 sums of at most 65 terms: relative error below 1e-6.
    t.ok(Math.abs(got - want) <= 1e-6 * want, `[${shape}]: ${got} vs ${want}`);
  }
});
