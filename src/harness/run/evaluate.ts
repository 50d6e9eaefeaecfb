/**
 * Evaluation of a model on a split: mean loss and top-k error, no dropout, images in
 * index order (so the result does not depend on any random stream).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset, ImageSplit } from '../../data/dataset.js';
import type { AlexNet } from '../../models/alexnet.js';
import type { SplitMetrics } from '../record/summary.js';
import { batchIndices, disposeBatch, makeBatch } from './batches.js';
import { crossEntropy, RunningMetrics, topKMisses } from './metrics.js';

export interface EvaluateOptions {
  model: AlexNet;
  dataset: ImageDataset;
  split: ImageSplit;
  batchSize: number;
  topK: readonly number[];
  pixelScale: number;
}

export async function evaluateSplit({ model, dataset, split, batchSize, topK, pixelScale }: EvaluateOptions): Promise<SplitMetrics> {
  const metrics = new RunningMetrics(topK);
  const order = Array.from({ length: split.count }, (_, i) => i);
  try {
    for (const indices of batchIndices(order, batchSize)) {
      const batch = makeBatch({ dataset, split, indices, inputSize: model.config.inputSize, pixelScale });
      const [loss, misses] = tf.tidy(() => {
        const logits = model.apply(batch.x, { training: false });
        return [crossEntropy(logits, batch.y), topKMisses(logits, tf.tensor1d(batch.labels, 'int32'), topK)] as const;
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
