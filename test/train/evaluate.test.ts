/**
 * Evaluation scores on constructed data: the log of the mean probability over an image's
 * patches ranks correctly where float32 probabilities underflow to ties, ten identical
 * patches score exactly as one centre crop, and a model that cannot rank (constant or NaN
 * logits) gets no credit.
 */
import t from 'tap';
import type * as tfTypes from '@tensorflow/tfjs-core';
import { useCpu } from '../helpers/tf.js';
import type { ImageDataset } from '../../src/data/dataset.js';
import type { AlexNet } from '../../src/models/alexnet.js';
import { crossEntropy, topKMisses } from '../../src/train/metrics.js';
import { evaluateSplit, logMeanProbabilities, meanNegLogLikelihood } from '../../src/train/evaluate.js';

const CLASSES = 4;
const SIZE_PX = 8;

/** Images of one colour each (so every crop and reflection of an image is the same patch), labels 0..3 in turn. */
function constantImages(count: number): ImageDataset {
  const images = new Uint8Array(count * SIZE_PX * SIZE_PX * 3);
  for (let i = 0; i < count; i++) {
    const rgb = [(i * 37) % 256, (i * 91 + 20) % 256, (i * 53 + 200) % 256];
    for (let p = 0; p < SIZE_PX * SIZE_PX; p++) images.set(rgb, (i * SIZE_PX * SIZE_PX + p) * 3);
  }
  const split = { images, labels: Int32Array.from({ length: count }, (_, i) => i % CLASSES), count };
  return {
    description: 'constant colours', classes: CLASSES, height: SIZE_PX, width: SIZE_PX, channels: 3,
    train: split, val: split, fingerprint: 'test', meanImage: new Float32Array(SIZE_PX * SIZE_PX * 3),
  };
}

/** A stand-in for a network: logits from the input by `logitsOf`. */
function fakeModel(logitsOf: (x: tfTypes.Tensor4D) => tfTypes.Tensor2D): AlexNet {
  return { config: { inputSize: 6 }, weights: [], apply: (x: tfTypes.Tensor4D) => logitsOf(x), dispose: () => undefined } as unknown as AlexNet;
}

const evaluate = (model: AlexNet, tenCrop: boolean) =>
  evaluateSplit({ model, dataset: constantImages(10), split: constantImages(10).val, batchSize: 4, topK: [1, 2, 3], pixelScale: 0.02, tenCrop });

t.test('probabilities that underflow to 0 in float32 still rank correctly through the log path', async (t) => {
  const tf = await useCpu();
  // Two patches per image; each image's label sits far below the top class, its probability exp(-200) is 0 in float32.
  const logits = tf.tensor2d([
    [0, -200, -300, -110], [0, -210, -320, -115], // image 0, label 1: classes 0 and 3 above it, rank 2
    [0, -200, -300, -110], [0, -210, -320, -115], // image 1, label 2: every other class above it, rank 3
  ]);
  const labels = tf.tensor1d([1, 2], 'int32');
  const scores = logMeanProbabilities(logits, 2);
  const values = await scores.array();
  for (const row of values) t.ok(row.every(Number.isFinite), 'finite log-probabilities');
  t.ok(values[0][1] > values[0][2], 'the label outranks class 2 although both probabilities are 0 in float32');
  // log((e^-200 + e^-210) / 2) = -200 - log 2 + log1p(e^-10); float32 at 200 resolves about 1.5e-5.
  t.ok(Math.abs(values[0][1] - (-200 - Math.log(2) + Math.log1p(Math.exp(-10)))) < 1e-4);
  t.same([...(await topKMisses(scores, labels, [1, 2, 3]).data())], [2, 2, 1]);
  // The same data through softmax probabilities: zeros tie, and image 0 wrongly misses at k = 3.
  const probs = tf.mean(tf.reshape(tf.softmax(logits), [2, 2, CLASSES]), 1) as tfTypes.Tensor2D;
  t.same([...(await topKMisses(probs, labels, [1, 2, 3]).data())], [2, 2, 2], 'the probability path cannot tell them apart');
});

t.test('one patch scores log_softmax of the logits, and its loss is the cross-entropy', async (t) => {
  const tf = await useCpu();
  const logits = tf.tensor2d([[2, -1, 0.5, 3], [0, 0, 1, -4]]);
  const labels = tf.tensor1d([3, 1], 'int32');
  const scores = logMeanProbabilities(logits, 1);
  t.same(await scores.array(), await tf.logSoftmax(logits).array());
  // Both read the same float32 log-softmax values at the label (a sum with exact zeros, or a gather): equal, not close.
  t.equal((await meanNegLogLikelihood(scores, labels).data())[0], (await crossEntropy(logits, tf.oneHot(labels, CLASSES) as tfTypes.Tensor2D).data())[0]);
});

t.test('ten identical patches score exactly as one', async (t) => {
  const tf = await useCpu();
  const logits = tf.tensor2d([[2, -1, 0.5, 3], [0, -90, 1, -400]]);
  const tenEach = tf.reshape(tf.tile(tf.expandDims(logits, 1), [1, 10, 1]), [20, CLASSES]) as tfTypes.Tensor2D;
  t.same(await logMeanProbabilities(tenEach, 10).array(), await logMeanProbabilities(logits, 1).array());
});

t.test('ten-crop of identical patches equals centre crop, end to end', async (t) => {
  const tf = await useCpu();
  const weights = tf.tensor2d([[1, -2, 0.5, 3], [0.2, 1, -1, 0], [-0.5, 0.3, 2, 1]]);
  const model = fakeModel((x) => tf.matMul(tf.mean(x, [1, 2]), weights) as tfTypes.Tensor2D);
  const centre = await evaluate(model, false);
  const ten = await evaluate(model, true);
  t.same(ten, centre);
  t.ok(centre.errors.top1 > 0 && centre.errors.top1 < 1, `a model that ranks some images right and some wrong (top-1 error ${centre.errors.top1})`);
});

t.test('a model that cannot rank gets no credit', async (t) => {
  const tf = await useCpu();
  for (const tenCrop of [false, true]) {
    const constant = await evaluate(fakeModel((x) => tf.zeros([x.shape[0], CLASSES])), tenCrop);
    t.same(constant.errors, { top1: 1, top2: 1, top3: 1 }, `constant logits miss at every k < classes (tenCrop ${tenCrop})`);
    // Uniform log-probabilities: log(4) in float32, about 1e-7 from float64.
    t.ok(Math.abs(constant.loss - Math.log(CLASSES)) < 1e-6);
    const nan = await evaluate(fakeModel((x) => tf.fill([x.shape[0], CLASSES], NaN)), tenCrop);
    t.same(nan.errors, { top1: 1, top2: 1, top3: 1 }, `NaN logits miss at every k (tenCrop ${tenCrop})`);
    t.ok(Number.isNaN(nan.loss), 'and the loss is NaN, not floored to a finite number');
    const inf = await evaluate(fakeModel((x) => tf.fill([x.shape[0], CLASSES], Infinity)), tenCrop);
    t.same(inf.errors, { top1: 1, top2: 1, top3: 1 }, `Infinity logits miss at every k (tenCrop ${tenCrop})`);
    t.notOk(Number.isFinite(inf.loss), 'and the loss is not finite');
  }
});
