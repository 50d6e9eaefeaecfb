/**
 * summary.json: the final record of one run (public, versioned format read by reports
 * and baselines). Written once, atomically, when the run ends for any reason.
 */
import type { RunStatus } from './events.js';

export const SUMMARY_FORMAT_VERSION = 1;

export interface SplitMetrics {
  /** Mean cross-entropy; null in the JSON when it is not finite (JSON has no NaN or Infinity). */
  loss: number;
  /** Error rates as fractions in 0..1, keyed "top1", "top5", ... */
  errors: Record<string, number>;
}

/**
 * The best epoch by the monitored split's top-1 error (`monitor`: "holdout" when the data set
 * has one, else "val"): the epoch early stopping chose, or, without early stopping, the
 * evaluated epoch with the lowest monitored error (the first of equal ones). `holdout` and
 * `val` are that epoch's metrics (null where the split was not evaluated): with restoreBest
 * they are those of the saved net.
 */
export interface BestEpoch {
  epoch: number;
  monitor: 'holdout' | 'val';
  holdout: SplitMetrics | null;
  val: SplitMetrics | null;
}

/** What early stopping did (`training.earlyStopping`); null in summaries of runs without it. */
export interface EarlyStoppingRecord {
  /** The epoch after which training stopped; null when it ran every epoch. */
  stoppedAtEpoch: number | null;
  /** Whether the saved weights (and ten-crop, probes) are `bestEpoch`'s: restoreBest on and the run completed. */
  restoredBest: boolean;
  /** The split whose top-1 error it watched (monitoring "val" makes the val numbers optimistic). */
  monitor: 'holdout' | 'val';
}

export interface RunSummary {
  schemaVersion: typeof SUMMARY_FORMAT_VERSION;
  runId: string;
  experiment: string;
  variant: string;
  axes: Record<string, unknown>;
  seed: number;
  engine: string;
  status: RunStatus;
  /** Why the run did not complete; absent when it did. */
  message?: string;
  epochsCompleted: number;
  steps: number;
  /**
   * Metrics of the last trained epoch, as trained (before any restoreBest). `train` is measured
   * during the epoch, with dropout; `trainEval` on the first evaluation.trainEvalImages
   * training images in evaluation mode; `holdout` on the data set's holdout. Each is the last
   * evaluated value, null where there is none. `valTenCrop` is measured once, on the final
   * net: the best epoch's with restoreBest. `holdout` and `trainEval` are absent in
   * summaries written before they existed (read them as null).
   */
  final: {
    train: SplitMetrics | null;
    val: SplitMetrics | null;
    valTenCrop: SplitMetrics | null;
    holdout?: SplitMetrics | null;
    trainEval?: SplitMetrics | null;
  };
  /** Lowest validation top-1 error over the evaluated epochs. */
  best: { valTop1Error: number; epoch: number } | null;
  /** The best epoch by the monitored split (BestEpoch); null before any evaluation; absent in older summaries. */
  bestEpoch?: BestEpoch | null;
  /** What early stopping did; null without it; absent in older summaries. */
  earlyStopping?: EarlyStoppingRecord | null;
  finalLearningRate: number;
  timings: { totalMs: number; meanEpochMs: number; imagesPerSecond: number };
  peakTensorBytes: number;
  /**
   * How hard LRN worked in the final net, per LRN layer ("conv1", "conv2"): the mean and 95th
   * percentile over a fixed validation batch (the first 256 images, centre crop) of
   * (k + alpha * sum a^2)^beta / k^beta (src/models/lrn-activity.ts): 1 means LRN left the
   * activations alone. null for a net without LRN or a run that did not complete.
   */
  lrnActivity: Record<string, { mean: number; p95: number }> | null;
  /**
   * Which reading of the paper's LRN alpha the net used (src/models/lrn.ts): "formula" (alpha
   * per squared term, as printed) or "cuda-convnet" (alpha / n, as the authors' code); null
   * without LRN.
   */
  lrnAlphaReading: string | null;
  /** sha256 of the final weights (weights/weights.bin); null when none were saved. */
  weightsSha256: string | null;
  dataFingerprint: string;
  /** Data files skipped as unreadable (dataset.onBadFile "skip"); listed in provenance.json. */
  dataSkippedFiles: number;
}

/** Runs whose earlier result stands: re-running them would give the same numbers. */
export const FINISHED: ReadonlySet<RunStatus> = new Set(['completed', 'diverged']);
