/**
 * Saturation of an activation's units: a unit is saturated when the activation's
 * derivative there is below 10% of its maximum, so a gradient passing through it shrinks
 * at least tenfold (the paper's argument for ReLU, section 3.1: saturating units learn
 * slowly). The derivative is computed from the activation's output y:
 *
 *   tanh:    1 - y^2,   max 1     saturated where |y| > sqrt(0.9)         ~ 0.9487
 *   sigmoid: y (1 - y), max 1/4   saturated where y < (1 - sqrt(0.9)) / 2 ~ 0.0257
 *                                              or y > (1 + sqrt(0.9)) / 2 ~ 0.9743
 *   relu:    1 where y > 0, else 0: saturated where y is exactly 0 (the unit is inactive
 *            for that image), the analogue a reader compares against: no gradient passes.
 *
 * One rule per activation name; the activations themselves are declared in activations.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ActivationName } from './activations.js';

/** A unit is saturated where the derivative is below this fraction of its maximum. */
export const SATURATION_FRACTION = 0.1;

export interface SaturationRule {
  /** The activation's derivative at each unit, from its output y. */
  derivative: (y: tf.Tensor) => tf.Tensor;
  /** The derivative's largest value. */
  maxDerivative: number;
}

/**
 * Keyed by every declared activation; 'sigmoid' is listed for the registry that declares
 * it, so the saturation of every activation an experiment can name is defined here.
 */
export const SATURATION_RULES: Readonly<Record<ActivationName | 'sigmoid', SaturationRule>> = Object.freeze({
  relu: { derivative: (y) => tf.cast(tf.greater(y, 0), 'float32'), maxDerivative: 1 },
  tanh: { derivative: (y) => tf.sub(1, tf.square(y)), maxDerivative: 1 },
  sigmoid: { derivative: (y) => tf.mul(y, tf.sub(1, y)), maxDerivative: 0.25 },
});

/** 1 where a unit of `y` (an activation output) is saturated, else 0 (float32, y's shape). */
export function saturatedUnits(y: tf.Tensor, activation: ActivationName | 'sigmoid'): tf.Tensor {
  const rule = SATURATION_RULES[activation];
  return tf.tidy(() => tf.cast(tf.less(rule.derivative(y), SATURATION_FRACTION * rule.maxDerivative), 'float32'));
}

/**
 * The fraction of saturated units of `y` ([batch, ...units]) as a device scalar. Averaged
 * per image first, then over the batch (every image has the same number of units, so this
 * is the overall fraction): a float32 count of one layer's whole batch can pass 2^24,
 * where adding 1 no longer changes a float32, while one image's count stays far below it.
 */
export function saturatedFraction(y: tf.Tensor, activation: ActivationName | 'sigmoid'): tf.Scalar {
  return tf.tidy(() => {
    const units = saturatedUnits(y, activation);
    const perImage = units.rank > 1 ? tf.mean(units, Array.from({ length: units.rank - 1 }, (_, i) => i + 1)) : units;
    return tf.mean(perImage) as tf.Scalar;
  });
}
