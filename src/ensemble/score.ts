/**
 * Metrics of averaged probabilities, with the same rules as training-time evaluation
 * (src/train/evaluate.ts and metrics.ts): the loss is the cross-entropy of the mean
 * probabilities with a floor of 1e-12, and an image is a top-k miss when at least k
 * classes have a strictly larger probability than its label (ties count against the model).
 */
import type { SplitMetrics } from '../results/summary.js';

/** Same floor as evaluate.ts, so a one-member ensemble reproduces the run's loss. */
const PROB_FLOOR = 1e-12;

export interface ScoreInput {
  /** Probability sums over members, [labels.length * classes] row-major. */
  sums: Float32Array;
  members: number;
  labels: ArrayLike<number>;
  classes: number;
  topK: readonly number[];
}

export function scoreProbabilities(input: ScoreInput): SplitMetrics {
  const { sums, members, labels, classes, topK } = input;
  const misses = topK.map(() => 0);
  let lossSum = 0;
  for (let img = 0; img < labels.length; img++) {
    const row = img * classes;
    // Ranks compare sums: dividing every entry by the member count keeps their order.
    const labelSum = sums[row + labels[img]];
    let rank = 0;
    for (let c = 0; c < classes; c++) if (sums[row + c] > labelSum) rank++;
    topK.forEach((k, i) => {
      if (rank >= k) misses[i]++;
    });
    lossSum -= Math.log(Math.max(labelSum / members, PROB_FLOOR));
  }
  const n = Math.max(labels.length, 1);
  const errors: Record<string, number> = {};
  topK.forEach((k, i) => (errors[`top${k}`] = misses[i] / n));
  return { loss: lossSum / n, errors };
}
