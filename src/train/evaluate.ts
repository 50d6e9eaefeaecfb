/**
 * Evaluation of a model on a split: mean loss and top-k error, no dropout, images in
 * index order (so the result depends on no random stream).
 *
 * An image's scores are the log of its class probabilities averaged over its patches:
 * one patch (centre crop) gives log_softmax of the logits; the paper's ten patches
 * (section 4.1) give log(mean_p softmax_p), computed in the log domain, because softmax
 * probabilities underflow to 0 in float32 and zeros tie (a tie is a miss, so ranking
 * probabilities would score confident models worse than they are). The loss is the
 * cross-entropy of those averaged probabilities: minus the score at the label.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset, ImageSplit } from '../data/dataset.js';
import type { AlexNet } from '../models/alexnet.js';
import type { SplitMetrics } from '../results/summary.js';
import { batchIndices, centreCropBatch, disposeBatch, tenPatchBatch, type Batch } from './batches.js';
import { labelScores, RunningMetrics, topKMisses } from './metrics.js';

export interface EvaluateOptions {
  model: AlexNet;
  dataset: ImageDataset;
  split: ImageSplit;
  batchSize: number;
  topK: readonly number[];
  pixelScale: number;
  /** The paper's 10-patch protocol instead of one centre crop. */
  tenCrop?: boolean;
}

/**
 * log(mean over each image's patches of softmax(logits)), [images, classes], from logits
 * [images * patches, classes] (an image's patches in consecutive rows). Stable: with m the
 * largest log-probability over the patches, m + log(sum(exp(logp - m)) / patches). Dividing
 * the sum (rather than subtracting log(patches)) keeps identical patches exact: the sum is
 * `patches` exactly, the quotient 1, its log 0, so ten equal patches score as one.
 */
export function logMeanProbabilities(logits: tf.Tensor2D, patches: number): tf.Tensor2D {
  return tf.tidy(() => {
    const logp = tf.logSoftmax(logits) as tf.Tensor2D;
    if (patches === 1) return logp;
    const classes = logits.shape[1];
    const perImage = tf.reshape(logp, [-1, patches, classes]);
    const m = tf.max(perImage, 1, true);
    const sum = tf.sum(tf.exp(tf.sub(perImage, m)), 1, true);
    return tf.reshape(tf.add(m, tf.log(tf.div(sum, patches))), [-1, classes]) as tf.Tensor2D;
  });
}

/** An evaluation batch's scores, one row per image whatever the patches per image (also used by ensembles). */
export function evaluationScores(model: AlexNet, batch: Batch): tf.Tensor2D {
  return tf.tidy(() => logMeanProbabilities(model.apply(batch.x, { training: false }), batch.x.shape[0] / batch.size));
}

/** Mean over rows of minus the score at the label: cross-entropy when scores are log-probabilities. Non-finite stays non-finite. */
export function meanNegLogLikelihood(scores: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.neg(tf.mean(labelScores(scores, labels))) as tf.Scalar);
}

export async function evaluateSplit(opts: EvaluateOptions): Promise<SplitMetrics> {
  const { model, dataset, split, batchSize, topK } = opts;
  const metrics = new RunningMetrics(topK);
  const order = Array.from({ length: split.count }, (_, i) => i);
  const make = opts.tenCrop ? tenPatchBatch : centreCropBatch;
  try {
    for (const indices of batchIndices(order, batchSize)) {
      const batch = make({ dataset, split, indices, inputSize: model.config.inputSize, pixelScale: opts.pixelScale });
      const [loss, misses] = tf.tidy(() => {
        const scores = evaluationScores(model, batch);
        const labels = tf.tensor1d(batch.labels, 'int32');
        return [meanNegLogLikelihood(scores, labels), topKMisses(scores, labels, topK)] as const;
      });
      metrics.add(loss, misses, batch.size);
      loss.dispose();
      misses.dispose();
      disposeBatch(batch);
    }
    return await metrics.read();
  } finally {
    metrics.dispose();
  }
}
