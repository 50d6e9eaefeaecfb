/**
 * Test helper, run as a child process (the wasm thread count is fixed when the backend
 * starts, so each count needs its own process): a few seeded SGD steps of a narrow
 * AlexNet on `wasm`, then one JSON line with the engine's device string, a SHA-256 of
 * every weight's bytes, and tf.memory().numTensors and the backend's buffer count after
 * each step.
 */
import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../../src/engine/engines.js';
import { buildAlexNet } from '../../src/models/alexnet.js';
import { variantConfig } from '../../src/models/variants.js';
import { createSgd } from '../../src/train/sgd.js';
import { trainStep } from '../../src/train/train-step.js';
import { deriveSeed } from '../../src/core/rng.js';
import { setMinSwapPlainB } from '../../src/engine/wasm-kernels/batch-mat-mul.js';

const STEPS = 4;
const engine = await useEngine('wasm');
// Every fc forward product takes the swapped form with a cached B^T (at full size only
// fc weights of 1 M+ elements do): it gives the stock product's bits, so the hash is the
// same either way, and here it also meets several threads and the weights' disposal.
setMinSwapPlainB(0);
// Narrow but with every layer kind (strided conv, LRN, pools, fc, dropout), 67 px so
// the pools see odd sizes. Channel counts of 24+ give XNNPACK several tiles to split.
const config = { ...variantConfig('owt', { inputSize: 67, classes: 10, normalization: 'lrn' }), kernels: [24, 32, 48, 32, 32] as [number, number, number, number, number], fcUnits: [64, 64] as [number, number] };
const model = buildAlexNet(config, { initSeed: deriveSeed(7, 'init') });
const sgd = createSgd({ weights: model.weights, momentum: 0.9, weightDecay: 0.0005 });
const x = tf.tidy(() => tf.mul(tf.randomNormal([8, 67, 67, 3], 0, 1, 'float32', deriveSeed(7, 'x')), 50)) as tf.Tensor4D;
const labels = Int32Array.from({ length: 8 }, (_, i) => i % 10);
const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 10), 'float32')) as tf.Tensor2D;
const tensors: number[] = [];
const buffers: number[] = [];
for (let i = 0; i < STEPS; i++) {
  const { loss, misses } = trainStep({ model, sgd, batch: { x, y, labels, size: 8 }, learningRate: 0.01, dropoutSeed: deriveSeed(7, 'drop', i), topK: [1] });
  await loss.data();
  tf.dispose([loss, misses]);
  tensors.push(tf.memory().numTensors);
  buffers.push(tf.engine().backend.numDataIds());
}
const hash = createHash('sha256');
for (const w of model.weights) hash.update(Buffer.from((await w.variable.data()).buffer));
process.stdout.write(`${JSON.stringify({ device: engine.device, weights: hash.digest('hex'), tensors, buffers })}\n`);
process.exit(0);
