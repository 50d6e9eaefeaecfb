/**
 * How hard LRN works in a net: per LRN layer, the divisor it applies relative to the
 * divisor with no neighbours active,
 *
 *   (k + a_eff * sum over the window of a^2)^beta / k^beta
 *
 * at every position and channel, a the LRN input and a_eff the effective per-term alpha
 * (lrn.ts: the alpha reading matters here), windows within each tower as the builder
 * normalises them. 1 means LRN leaves the activations alone; 2 halves them. A reading
 * that divides alpha by n shows as an activity near 1 where the other is not.
 * With k = 0 the ratio is undefined (a division by 0^beta).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AlexNet } from './alexnet.js';
import { effectiveAlpha, type LrnConfig } from './lrn.js';

export interface LrnActivity {
  /** Mean over all images, positions and channels. */
  mean: number;
  /** 95th percentile (nearest rank) over the same values. */
  p95: number;
}

/** Sum of x over a window of n channels centred on each channel (zeros beyond the edges). */
function channelWindowSums(x: tf.Tensor4D, n: number): tf.Tensor4D {
  const radius = (n - 1) / 2;
  const channels = x.shape[3];
  const padded = tf.pad(x, [[0, 0], [0, 0], [0, 0], [radius, radius]]);
  let sum = tf.slice(padded, [0, 0, 0, 0], [-1, -1, -1, channels]) as tf.Tensor4D;
  for (let j = 1; j < n; j++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, j], [-1, -1, -1, channels]));
  return sum;
}

/** The ratio above at every element of `a` (an LRN input, NHWC), windows within each of `towers` channel groups. */
export function lrnDivisorRatios(a: tf.Tensor4D, lrn: LrnConfig, towers: number): tf.Tensor4D {
  return tf.tidy(() => {
    const squares = tf.square(a) as tf.Tensor4D;
    const groups = towers === 1 ? [squares] : (tf.split(squares, towers, 3) as tf.Tensor4D[]);
    const sums = tf.concat4d(groups.map((g) => channelWindowSums(g, lrn.n)), 3);
    const divisor = tf.pow(tf.add(lrn.k, tf.mul(effectiveAlpha(lrn), sums)), lrn.beta);
    return tf.div(divisor, Math.pow(lrn.k, lrn.beta)) as tf.Tensor4D;
  });
}

/** Mean and nearest-rank 95th percentile, the mean summed in double precision. */
export function summarizeActivity(values: Float32Array): LrnActivity {
  if (values.length === 0) return { mean: Number.NaN, p95: Number.NaN };
  let total = 0;
  for (const v of values) total += v;
  const sorted = Float32Array.from(values).sort();
  return { mean: total / values.length, p95: sorted[Math.ceil(0.95 * sorted.length) - 1] };
}

/**
 * The LRN activity of each LRN layer of `model` on the batch `x` (evaluation mode), keyed
 * by the layer it follows ('conv1', 'conv2'); {} when the model has no LRN.
 */
export async function lrnActivity(model: AlexNet, x: tf.Tensor4D): Promise<Record<string, LrnActivity>> {
  const lrn = model.config.lrn;
  if (lrn === null) return {};
  const ratios = new Map<string, tf.Tensor4D>();
  const logits = model.apply(x, {
    training: false,
    tap: (point, t) => {
      if (point.kind === 'lrn-input') ratios.set(point.layer, tf.keep(lrnDivisorRatios(t as tf.Tensor4D, lrn, model.config.towers)));
    },
  });
  logits.dispose();
  const activity: Record<string, LrnActivity> = {};
  try {
    for (const [layer, ratio] of ratios) activity[layer] = summarizeActivity((await ratio.data()) as Float32Array);
  } finally {
    for (const ratio of ratios.values()) ratio.dispose();
  }
  return activity;
}
