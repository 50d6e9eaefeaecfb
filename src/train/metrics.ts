/**
 * Loss and top-k error, kept as device-side running sums so the training loop never
 * blocks on the engine per step; the sums are read with `await data()` at log points and
 * epoch ends (dataSync would serialise GPU work and fails on webgpu in Node).
 *
 * One top-k rule serves training, evaluation, ten-crop and ensembles (topKMisses), so no
 * path can score a model more kindly than another.
 */
import * as tf from '@tensorflow/tfjs-core';

/** Mean softmax cross-entropy of logits against one-hot labels. */
export function crossEntropy(logits: tf.Tensor2D, oneHot: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.neg(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), -1))) as tf.Scalar);
}

/**
 * Each row's score at its label, [rows]. A gather rather than a product with one-hot
 * labels: 0 * Infinity elsewhere in the row would turn a finite label score into NaN.
 */
export function labelScores(scores: tf.Tensor2D, labels: tf.Tensor1D): tf.Tensor1D {
  return tf.tidy(() => {
    const [rows, classes] = scores.shape;
    const flatIndex = tf.add(tf.mul(tf.range(0, rows, 1, 'int32'), tf.scalar(classes, 'int32')), tf.cast(labels, 'int32'));
    return tf.gather(tf.reshape(scores, [rows * classes]), flatIndex) as tf.Tensor1D;
  });
}

/**
 * Number of rows that miss at each k, [ks.length]. Scores are anything whose order ranks
 * the classes (logits, log-probabilities). The label's rank is the number of OTHER classes
 * whose score is >= the label's: a tie counts against the model, so constant scores miss
 * at every k below the number of classes. A miss at k is rank >= k. A row with any
 * non-finite score (NaN, +-Infinity) misses at every k: it ranks nothing.
 */
export function topKMisses(scores: tf.Tensor2D, labels: tf.Tensor1D, ks: readonly number[]): tf.Tensor1D {
  return tf.tidy(() => {
    const label = tf.expandDims(labelScores(scores, labels), 1);
    // The label's own column always counts (x >= x) when the row is finite: subtract it.
    const rank = tf.sub(tf.sum(tf.cast(tf.greaterEqual(scores, label), 'int32'), -1), tf.scalar(1, 'int32'));
    const nonFinite = tf.logicalNot(tf.all(tf.isFinite(scores), -1));
    const misses = ks.map((k) => tf.sum(tf.cast(tf.logicalOr(tf.greaterEqual(rank, tf.scalar(k, 'int32')), nonFinite), 'float32')));
    return tf.stack(misses) as tf.Tensor1D;
  });
}

/** Partial sums of RunningMetrics, plain numbers (float32 values, so they restore exactly). */
export interface MetricSums {
  lossSum: number;
  missSums: number[];
  examples: number;
}

/** Device-side running sums of loss*examples, examples and misses per k. */
export class RunningMetrics {
  private lossSum: tf.Tensor = tf.scalar(0);
  private missSum: tf.Tensor;
  examples = 0;

  /** `from`: partial sums continued from a checkpoint. */
  constructor(readonly ks: readonly number[], from?: MetricSums) {
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
  async sums(): Promise<MetricSums> {
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
    return { loss: loss / Math.max(this.examples, 1), errors: await this.readErrors() };
  }

  /** Top-k error rates (fractions) so far, keyed "top1", "top5", ... */
  async readErrors(): Promise<Record<string, number>> {
    const misses = await this.missSum.data();
    const n = Math.max(this.examples, 1);
    const errors: Record<string, number> = {};
    this.ks.forEach((k, i) => (errors[`top${k}`] = misses[i] / n));
    return errors;
  }

  /** Starts the sums again from zero (a new window). */
  reset(): void {
    this.lossSum.dispose();
    this.missSum.dispose();
    this.lossSum = tf.scalar(0);
    this.missSum = tf.zeros([this.ks.length]);
    this.examples = 0;
  }

  dispose(): void {
    this.lossSum.dispose();
    this.missSum.dispose();
  }
}
