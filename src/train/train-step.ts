/**
 * One optimisation step: forward with dropout, softmax cross-entropy, gradients of every
 * weight, the paper's SGD update. Returns the step's loss and top-k misses as device
 * tensors (the caller reads them at log points, never per step), and at log points
 * (`measureHealth`) the step's gradient health (gradient-health.ts), taken from the same
 * forward pass and gradients: the taps and norms only read, so the update is the same
 * with and without them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AlexNet } from '../models/alexnet.js';
import type { Batch } from './batches.js';
import { gradientHealth, saturationTap, type GradientHealth } from './gradient-health.js';
import { crossEntropy, topKMisses } from './metrics.js';
import type { Sgd } from './sgd.js';

export interface StepOptions {
  model: AlexNet;
  sgd: Sgd;
  batch: Batch;
  learningRate: number;
  dropoutSeed: number;
  topK: readonly number[];
  /** Also measure the gradient health (log points only: the other steps pay nothing for it). */
  measureHealth?: boolean;
}

export interface StepResult {
  loss: tf.Scalar;
  misses: tf.Tensor1D;
  /** With measureHealth: the caller reads it (readGradientHealth), which frees it; else null. */
  health: GradientHealth | null;
}

export function trainStep({ model, sgd, batch, learningRate, dropoutSeed, topK, measureHealth }: StepOptions): StepResult {
  let misses: tf.Tensor1D | undefined;
  const saturation = new Map<string, tf.Scalar>();
  const tap = measureHealth ? saturationTap(model, saturation) : undefined;
  const labels = tf.tensor1d(batch.labels, 'int32');
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(batch.x, { training: true, dropoutSeed, tap });
    misses = tf.keep(topKMisses(logits, labels, topK));
    return crossEntropy(logits, batch.y);
  });
  labels.dispose();
  const health = measureHealth ? gradientHealth(model, grads, saturation) : null;
  sgd.step(grads, learningRate);
  return { loss: value, misses: misses as tf.Tensor1D, health };
}
