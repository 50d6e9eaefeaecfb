/**
 * Batch normalization (Ioffe & Szegedy 2015) of a conv layer's output, per channel, with
 * PyTorch's conventions (BatchNorm2d defaults):
 *
 *   training:   y = gamma * (x - mu_B) / sqrt(var_B + eps) + beta, mu_B and var_B the mean
 *               and the biased variance over the batch and all positions of each channel;
 *               then the running statistics move towards the batch's:
 *                 mean     <- (1 - momentum) * mean     + momentum * mu_B
 *                 variance <- (1 - momentum) * variance + momentum * var_B * n / (n - 1)
 *               (n values per channel: the running variance takes the unbiased estimate,
 *               as PyTorch's does; with n = 1 there is none and the biased one, 0, is used);
 *   evaluation: y = gamma * (x - mean) / sqrt(variance + eps) + beta, running statistics.
 *
 * Built from elementary ops, so the gradient flows through the batch statistics by
 * ordinary autodiff on every engine. gamma and beta are trainable weights; the running
 * statistics are model state that only a training-mode forward pass changes.
 */
import * as tf from '@tensorflow/tfjs-core';

/** PyTorch's defaults: momentum 0.1 (the weight of the new batch), epsilon 1e-5. */
export const BATCH_NORM = Object.freeze({ momentum: 0.1, epsilon: 1e-5 });

/** One conv layer's batch normalization: trainable scale and shift, running statistics. */
export interface BatchNormVariables {
  /** Scale, init 1. */
  gamma: tf.Variable;
  /** Shift, init 0. */
  beta: tf.Variable;
  /** Running mean, init 0 (not trainable). */
  mean: tf.Variable;
  /** Running variance, init 1 (not trainable). */
  variance: tf.Variable;
}

const AXES = [0, 1, 2];

function scaleAndShift(centred: tf.Tensor4D, variance: tf.Tensor, v: BatchNormVariables): tf.Tensor4D {
  const normalised = tf.div(centred, tf.sqrt(tf.add(variance, BATCH_NORM.epsilon)));
  return tf.add(tf.mul(normalised, v.gamma), v.beta);
}

/** Evaluation: normalises with the running statistics; changes nothing. */
export function batchNormInference(x: tf.Tensor4D, v: BatchNormVariables): tf.Tensor4D {
  return tf.tidy(() => scaleAndShift(tf.sub(x, v.mean) as tf.Tensor4D, v.variance, v));
}

/**
 * Training: normalises with the batch statistics and updates the running ones in place
 * (once per call: the caller runs it once per training step).
 */
export function batchNormTraining(x: tf.Tensor4D, v: BatchNormVariables): tf.Tensor4D {
  return tf.tidy(() => {
    const [batch, height, width] = x.shape;
    const n = batch * height * width;
    const mean = tf.mean(x, AXES);
    const centred = tf.sub(x, mean) as tf.Tensor4D;
    const variance = tf.mean(tf.square(centred), AXES);
    const unbiased = n > 1 ? tf.mul(variance, n / (n - 1)) : variance;
    const keep = 1 - BATCH_NORM.momentum;
    v.mean.assign(tf.add(tf.mul(v.mean, keep), tf.mul(mean, BATCH_NORM.momentum)));
    v.variance.assign(tf.add(tf.mul(v.variance, keep), tf.mul(unbiased, BATCH_NORM.momentum)));
    return scaleAndShift(centred, variance, v);
  });
}
