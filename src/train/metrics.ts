/**
 * Loss and top-k error, kept as device-side running sums so the training loop never
 * blocks on the engine per step; the sums are read with `await data()` at log points and
 * epoch ends (dataSync would serialise GPU work and fails on webgpu in Node).
 */
import * as tf from '@tensorflow/tfjs-core';

/** Mean softmax cross-entropy of logits against one-hot labels. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar);
}

/**
 * Number of rows whose label is NOT among the k largest logits, for each k.
 * Ties count against the model (a label tied with the k-th value is "not in the top k"
 * only if k larger values exist), which is what counting strictly larger values gives.
 */
export function topKMisses(logits: tf.Tensor2D, labels: tf.Tensor1D, ks: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const labelLogit = tf.sum(tf.mul(logits, tf.oneHot(labels, classes)), -1, true);
    // Rank of the label = number of classes with a strictly larger logit.
    const rank = tf.sum(tf.cast(tf.greater(logits, labelLogit), 'float32'), -1);
    const misses = ks.map((k) => tf.sum(tf.cast(tf.greaterEqual(rank, tf.scalar(k)), 'float32')));
    return tf.stack(misses) as tf.Tensor1D;
  });
}

/** Device-side running sums of loss*examples, examples and misses per k. */
export class RunningMetrics {
  private lossSum: tf.Tensor = tf.scalar(0);
  private missSum: tf.Tensor;
  examples = 0;

  /** `from`: partial sums of an epoch continued from a checkpoint (float32, so restored exactly). */
  constructor(readonly ks: readonly number[], from?: { lossSum: number; missSums: number[]; examples: number }) {
    this.missSum = tf.zeros([ks.length]);
    if (from) {
      if (from.missSums.length !== ks.length) throw new RangeError(`expected ${ks.length} miss sums, got ${from.missSums.length}`);
      this.lossSum.dispose();
      this.missSum.dispose();
      this.lossSum = tf.scalar(from.lossSum, 'float32');
      this.missSum = tf.tensor1d(from.missSums, 'float32');
      this.examples = from.examples;
    }
  }

  /** The raw sums, for a checkpoint. */
  async sums(): Promise<{ lossSum: number; missSums: number[]; examples: number }> {
    const [lossSum] = await this.lossSum.data();
    return { lossSum, missSums: Array.from(await this.missSum.data()), examples: this.examples };
  }

  add(loss: tf.Scalar, misses: tf.Tensor1D, batchSize: number): void {
    const lossSum = tf.tidy(() => tf.add(this.lossSum, tf.mul(loss, batchSize)));
    const missSum = tf.add(this.missSum, misses);
    this.lossSum.dispose();
    this.missSum.dispose();
    this.lossSum = lossSum;
    this.missSum = missSum;
    this.examples += batchSize;
  }

  /** Mean loss and top-k error rates (fractions) so far. */
  async read(): Promise<{ loss: number; errors: Record<string, number> }> {
    const [loss] = await this.lossSum.data();
    const misses = await this.missSum.data();
    const n = Math.max(this.examples, 1);
    const errors: Record<string, number> = {};
    this.ks.forEach((k, i) => (errors[`top${k}`] = misses[i] / n));
    return { loss: loss / n, errors };
  }

  dispose(): void {
    this.lossSum.dispose();
    this.missSum.dispose();
  }
}
