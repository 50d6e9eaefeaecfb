/**
 * Gradient health at a log point (the `gradients` event, src/results/events.ts): the L2
 * norm of each layer's kernel gradient on the step's batch, before the update consumes
 * it, and the fraction of saturated units of each activation in the same forward pass
 * (models/saturation.ts), seen through the model's tap. Everything stays on the device
 * until one read per log point; nothing here feeds back into the training.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AlexNet, Tap } from '../models/alexnet.js';
import { saturatedFraction } from '../models/saturation.js';
import type { EventValues } from '../results/events.js';

/** One step's device values: the kernel-gradient norms (normLayers order), then the saturation fractions (saturationLayers order). */
export interface GradientHealth {
  normLayers: string[];
  saturationLayers: string[];
  values: tf.Tensor1D;
}

const KERNEL = '/kernel';

/** Collects the saturation fraction of each tapped activation (kept device scalars, by layer). */
export function saturationTap(model: AlexNet, into: Map<string, tf.Scalar>): Tap {
  return (point, t) => {
    if (point.kind === 'activation') into.set(point.layer, tf.keep(saturatedFraction(t, model.config.activation)));
  };
}

/**
 * sqrt(sum g^2) of a gradient, summed over all axes but the last first, then over the last:
 * one float32 sum over a whole fc6 kernel (38 M terms at 227 px) would pass 2^24 terms,
 * where each small square is lost against the running sum; per output unit, and then
 * over units, each sum has at most tens of thousands of terms.
 */
export function l2Norm(g: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const squares = tf.square(g);
    const perUnit = g.rank > 1 ? tf.sum(squares, Array.from({ length: g.rank - 1 }, (_, i) => i)) : squares;
    return tf.sqrt(tf.sum(perUnit)) as tf.Scalar;
  });
}

/**
 * The step's health: norms of the gradients of every kernel (grads keyed by tfjs variable
 * name, as tf.variableGrads gives them), then the saturation fractions. Call before the
 * optimizer disposes the gradients; disposes the saturation scalars.
 */
export function gradientHealth(model: AlexNet, grads: tf.NamedTensorMap, saturation: Map<string, tf.Scalar>): GradientHealth {
  const kernels = model.weights.filter((w) => w.name.endsWith(KERNEL));
  const normLayers = kernels.map((w) => w.name.slice(0, -KERNEL.length));
  const saturationLayers = [...saturation.keys()];
  try {
    const values = tf.tidy(() => {
      const norms = kernels.map((w) => {
        const g = grads[w.variable.name];
        if (!g) throw new Error(`no gradient for weight ${w.name}`);
        return l2Norm(g);
      });
      return tf.stack([...norms, ...saturation.values()]) as tf.Tensor1D;
    });
    return { normLayers, saturationLayers, values };
  } finally {
    for (const s of saturation.values()) s.dispose();
    saturation.clear();
  }
}

/** Reads the health with one `data()` and disposes its tensor; the `gradients` event value. */
export async function readGradientHealth(health: GradientHealth): Promise<EventValues['gradients']> {
  try {
    const data = await health.values.data();
    const n = health.normLayers.length;
    return {
      norms: Object.fromEntries(health.normLayers.map((layer, i) => [layer, data[i]])),
      saturation: Object.fromEntries(health.saturationLayers.map((layer, i) => [layer, data[n + i]])),
    };
  } finally {
    health.values.dispose();
  }
}
