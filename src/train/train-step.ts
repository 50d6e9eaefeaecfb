/**
 * One optimisation step: forward with dropout, softmax cross-entropy, gradients of every
 * weight, the paper's SGD update. Returns the step's loss and top-k misses as device
 * tensors (the caller reads them at log points, never per step).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AlexNet } from '../models/alexnet.js';
import type { Batch } from './batches.js';
import { crossEntropy, topKMisses } from './metrics.js';
import type { Sgd } from './sgd.js';

export interface StepOptions {
  model: AlexNet;
  sgd: Sgd;
  batch: Batch;
  learningRate: number;
  dropoutSeed: number;
  topK: readonly number[];
}

export function trainStep({ model, sgd, batch, learningRate, dropoutSeed, topK }: StepOptions): {
  loss: tf.Scalar;
  misses: tf.Tensor1D;
} {
  let misses: tf.Tensor1D | undefined;
  const labels = tf.tensor1d(batch.labels, 'int32');
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(batch.x, { training: true, dropoutSeed });
    misses = tf.keep(topKMisses(logits, labels, topK));
    return crossEntropy(logits, batch.y);
  });
  labels.dispose();
  sgd.step(grads, learningRate);
  return { loss: value, misses: misses as tf.Tensor1D };
}
