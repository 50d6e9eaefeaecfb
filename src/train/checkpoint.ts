/**
 * What a checkpoint holds: everything the training loop needs to continue a run so that it
 * ends with exactly the numbers of an uninterrupted run on the same engine.
 *
 * - weights and the SGD velocities (the optimizer's whole state), bit for bit, and the
 *   model's state (batch normalization's running statistics; none without it);
 * - the position: epoch, index of the next batch in that epoch, global step. The random
 *   streams that advance during training are derived again from it (src/core/rng.ts):
 *   data order per epoch, dropout per step, augmentation per (epoch, position in the epoch).
 *   Their seeds are stored too, so a resume can prove they are the ones it derives;
 * - the learning-rate schedule state (plateau counters included);
 * - the current epoch's running metric sums and those of the open step-log window (the
 *   steps since the last log point, which can span an epoch end), float32 on the device,
 *   stored exactly, so a resumed run logs the same step events;
 * - the results so far (last train/val/holdout/train-eval metrics, best, best epoch, epoch
 *   times) and the event-log length;
 * - early stopping's state (early-stopping.ts) and, with restoreBest, the copy of the best
 *   epoch's net it would return to, bit for bit.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { StreamName } from '../core/rng.js';
import type { BestEpoch, SplitMetrics } from '../results/summary.js';
import type { EarlyStoppingState } from './early-stopping.js';
import type { MetricSums } from './metrics.js';
import type { ScheduleState } from './schedule.js';

/**
 * 2: window sums added, and miss sums follow the rule that ties are misses (1's are not comparable).
 * 3: early stopping's state, the best epoch and the copy of its net (2's cannot restore the best epoch).
 */
export const CHECKPOINT_FORMAT_VERSION = 3;

/** Where training continues. */
export interface CheckpointPosition {
  /** 1-based epoch to continue. */
  epoch: number;
  /** Index of the next batch of that epoch (0: the epoch has not started). */
  batch: number;
  /** Optimisation steps completed. */
  step: number;
}

/** Partial sums of the epoch in progress (RunningMetrics). */
export interface EpochSums extends MetricSums {
  /** Training time of the epoch so far, so that the epoch's time stays whole across a resume. */
  elapsedMs: number;
}

/** The TrainResult fields that accumulate over epochs. */
export interface ResultSoFar {
  epochsCompleted: number;
  train: SplitMetrics | null;
  val: SplitMetrics | null;
  valTenCrop: SplitMetrics | null;
  holdout: SplitMetrics | null;
  trainEval: SplitMetrics | null;
  best: { valTop1Error: number; epoch: number } | null;
  bestEpoch: BestEpoch | null;
  epochTimesMs: number[];
  imagesSeen: number;
  peakTensorBytes: number;
}

/** The live training state handed to the checkpoint writer (tensors are the loop's own). */
export interface TrainingSnapshot {
  position: CheckpointPosition;
  streams: Record<StreamName, number>;
  schedule: ScheduleState;
  earlyStopping: EarlyStoppingState;
  epochSums: EpochSums | null;
  /** Sums over the steps since the last step event (examples 0 right after one). */
  windowSums: MetricSums;
  result: ResultSoFar;
  weights: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  velocities: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  /** The model's state (model.state), by name. */
  modelState: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
  /** The copy of the best epoch's net (restoreBest): weights and state; empty when there is none. */
  best: ReadonlyArray<{ name: string; tensor: tf.Tensor }>;
}

/** state.json of a checkpoint; tensors.bin holds the weights, velocities, model state and best copy it describes. */
export interface CheckpointState extends Omit<TrainingSnapshot, 'weights' | 'velocities' | 'modelState' | 'best'> {
  v: typeof CHECKPOINT_FORMAT_VERSION;
  runId: string;
  /** Full hash of the resolved run and engine (resolve.ts configHash). */
  configHash: string;
  /** Length of events.jsonl when the checkpoint was taken; a resume truncates to it. */
  eventsBytes: number;
  /** Run time (the event log's elapsedMs) at the checkpoint. */
  elapsedMs: number;
  /** Whether tensors.bin holds a copy of the best epoch's net (BEST_PREFIX). */
  hasBestCopy: boolean;
  writtenAtMs: number;
  tensors: { file: string; bytes: number; sha256: string; specs: tf.io.WeightsManifestEntry[] };
}

/** A checkpoint read back and checked: the state and its tensors (the caller disposes them). */
export interface LoadedCheckpoint {
  dir: string;
  state: CheckpointState;
  weights: tf.NamedTensorMap;
  velocities: tf.NamedTensorMap;
  modelState: tf.NamedTensorMap;
  /** The best epoch's net; empty when the checkpoint holds no copy. */
  best: tf.NamedTensorMap;
}

/** Tensor names in tensors.bin: weights, velocities, model state and the best copy side by side. */
export const WEIGHT_PREFIX = 'weight:';
export const VELOCITY_PREFIX = 'velocity:';
/** Nets without model state have no such tensors, so their tensors.bin is what it was before state existed. */
export const STATE_PREFIX = 'state:';
export const BEST_PREFIX = 'best:';
