/**
 * Metrics of an ensemble's averaged probabilities, with the rules of training-time
 * evaluation (src/train/evaluate.ts): the scores are the log of the mean probability over
 * the members, ranked by the one top-k function (src/train/metrics.ts: ties and non-finite
 * rows are misses), and the loss is minus that score at the label, averaged over images,
 * with no floor: a non-finite member gives a non-finite loss.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { SplitMetrics } from '../results/summary.js';
import { topKMisses } from '../train/metrics.js';

/** Rows ranked per engine call: bounds the tensors topKMisses makes (ImageNet's val set is 50,000 x 1000). */
const ROWS_PER_BLOCK = 1024;

export interface ScoreInput {
  /** log of the summed member probabilities, [labels.length * classes] row-major (member-scores.ts). */
  logSums: Float64Array;
  members: number;
  labels: ArrayLike<number>;
  classes: number;
  topK: readonly number[];
}

export async function scoreLogProbabilities(input: ScoreInput): Promise<SplitMetrics> {
  const { logSums, members, labels, classes, topK } = input;
  const logCount = Math.log(members);
  const n = labels.length;
  // float64 loss: minus the log mean probability at the label.
  let lossSum = 0;
  for (let img = 0; img < n; img++) lossSum -= logSums[img * classes + labels[img]] - logCount;
  const misses = topK.map(() => 0);
  for (let start = 0; start < n; start += ROWS_PER_BLOCK) {
    const rows = Math.min(ROWS_PER_BLOCK, n - start);
    // Rounded once to float32 for the engine. Rounding can merge two values into a tie, never
    // reorder them, and a tie is a miss: it can only count against the ensemble. With one
    // member, log(1) = 0 and the member's float32 scores come back unchanged, so its errors
    // are its run's own, exactly.
    const scores = new Float32Array(rows * classes);
    for (let i = 0; i < scores.length; i++) scores[i] = logSums[start * classes + i] - logCount;
    const block = tf.tidy(() =>
      topKMisses(tf.tensor2d(scores, [rows, classes]), tf.tensor1d(Int32Array.from({ length: rows }, (_, r) => labels[start + r]), 'int32'), topK),
    );
    const counts = await block.data();
    block.dispose();
    counts.forEach((c, i) => (misses[i] += c));
  }
  const examples = Math.max(n, 1);
  const errors: Record<string, number> = {};
  topK.forEach((k, i) => (errors[`top${k}`] = misses[i] / examples));
  return { loss: lossSum / examples, errors };
}
