/**
 * Evaluation of a model on a split: mean loss and top-k error, no dropout, images in
 * index order (so the result depends on no random stream). With `tenCrop`, each image's
 * prediction is the mean of the softmax over its ten patches (paper section 4.1), and the
 * loss is the cross-entropy of that mean.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset, ImageSplit } from '../data/dataset.js';
import type { AlexNet } from '../models/alexnet.js';
import type { SplitMetrics } from '../results/summary.js';
import { batchIndices, centreCropBatch, disposeBatch, tenPatchBatch, type Batch } from './batches.js';
import { RunningMetrics, topKMisses } from './metrics.js';

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

/** Mean class probabilities per image: one row per image, whatever the patches per image (also used by ensembles). */
export function probabilities(model: AlexNet, batch: Batch): tf.Tensor2D {
  const probs = tf.softmax(model.apply(batch.x, { training: false }));
  const patches = batch.x.shape[0] / batch.size;
  if (patches === 1) return probs as tf.Tensor2D;
  return tf.mean(tf.reshape(probs, [batch.size, patches, -1]), 1) as tf.Tensor2D;
}

/** Smallest probability used in the loss, so one confident mistake gives a finite loss. */
const PROB_FLOOR = 1e-12;

export async function evaluateSplit(opts: EvaluateOptions): Promise<SplitMetrics> {
  const { model, dataset, split, batchSize, topK } = opts;
  const metrics = new RunningMetrics(topK);
  const order = Array.from({ length: split.count }, (_, i) => i);
  const make = opts.tenCrop ? tenPatchBatch : centreCropBatch;
  try {
    for (const indices of batchIndices(order, batchSize)) {
      const batch = make({ dataset, split, indices, inputSize: model.config.inputSize, pixelScale: opts.pixelScale });
      const [loss, misses] = tf.tidy(() => {
        const probs = probabilities(model, batch);
        const loss = tf.mean(tf.neg(tf.sum(tf.mul(batch.y, tf.log(tf.maximum(probs, PROB_FLOOR))), -1))) as tf.Scalar;
        return [loss, topKMisses(probs, tf.tensor1d(batch.labels, 'int32'), topK)] as const;
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
