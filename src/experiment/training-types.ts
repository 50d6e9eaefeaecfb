/**
 * The `training` part of an experiment file: epochs, batch, SGD (paper section 5), the
 * learning-rate schedule and early stopping. Part of the experiment types (types.ts
 * re-exports these): the schema is generated from all of them.
 */

import type { PositiveInteger } from '../core/primitives.js';

// Aliases, so that matrix axes carry the same constraints as the single fields.

/**
 * Initial learning rate.
 * @exclusiveMinimum 0
 */
export type LearningRate = number;

/**
 * Weight decay (L2 coefficient in the update).
 * @minimum 0
 */
export type WeightDecay = number;

export interface ConstantSchedule {
  type: 'constant';
}

/** Multiply the learning rate by `factor` every `everyEpochs` epochs. */
export interface StepSchedule {
  type: 'step';
  /**
   * @asType integer
   * @minimum 1
   */
  everyEpochs: number;
  /**
   * @exclusiveMinimum 0
   * @exclusiveMaximum 1
   * @default 0.1
   */
  factor?: number;
}

/**
 * The paper's schedule (section 5): divide the learning rate by 10 when the validation
 * error stops improving, at most `maxReductions` times (the paper: 3). The paper does not
 * say how "stops improving" was judged; the defaults ask for `patience` epochs in a row
 * without a drop of at least `threshold`, so that one noisy epoch does not spend a reduction.
 */
export interface PlateauSchedule {
  type: 'plateau';
  /**
   * @exclusiveMinimum 0
   * @exclusiveMaximum 1
   * @default 0.1
   */
  factor?: number;
  /**
   * Evaluated epochs in a row without improvement before a reduction.
   * @asType integer
   * @minimum 1
   * @default 3
   */
  patience?: number;
  /**
   * @asType integer
   * @minimum 0
   * @default 3
   */
  maxReductions?: number;
  /**
   * Smallest drop in validation top-1 error below the best so far that counts as an
   * improvement, as a fraction (0.001 = 0.1 points of top-1 error).
   * @minimum 0
   * @default 0.001
   */
  threshold?: number;
}

export type Schedule = ConstantSchedule | StepSchedule | PlateauSchedule;

/**
 * Early stopping: training ends after `patience` evaluated epochs in a row without a lower
 * top-1 error on the monitored split (any drop counts, a tie does not). The monitored split
 * is "holdout" when the data set has one (`dataset.holdout`), else "val"; the summary says
 * which (monitoring the reported val split makes its numbers optimistic). While it is on,
 * every epoch is evaluated (evaluation.everyEpochs is not used).
 */
export interface EarlyStoppingSpec {
  /**
   * Evaluated epochs in a row without an improvement before training stops.
   * @asType integer
   * @minimum 1
   */
  patience: number;
  /**
   * End with the best epoch's weights: the ten-crop evaluation, the final probes and the
   * saved weights are the best epoch's (summary.json `bestEpoch`), not the last epoch's.
   * @default true
   */
  restoreBest?: boolean;
}

/** false: train every epoch (the default); an object: stop early (EarlyStoppingSpec). */
export type EarlyStopping = false | EarlyStoppingSpec;

export interface TrainingSpec {
  /**
   * @asType integer
   * @minimum 1
   */
  epochs: number;
  /** @default 128 */
  batchSize?: PositiveInteger;
  /**
   * Initial learning rate (paper section 5: 0.01).
   * @default 0.01
   */
  learningRate?: LearningRate;
  /**
   * SGD momentum (paper section 5: 0.9).
   * @minimum 0
   * @exclusiveMaximum 1
   * @default 0.9
   */
  momentum?: number;
  /**
   * Weight decay, applied in the update as in the paper (section 5: 0.0005).
   * @default 0.0005
   */
  weightDecay?: WeightDecay;
  /** @default { "type": "plateau" } */
  schedule?: Schedule;
  /**
   * Log a step sample (loss, learning rate) every this many steps.
   * @asType integer
   * @minimum 1
   * @default 10
   */
  logEverySteps?: number;
  /**
   * Also write a checkpoint every this many steps (one is always written at each epoch
   * end). Not part of the run id: checkpoints never change the numbers.
   * @asType integer
   * @minimum 1
   */
  checkpointEverySteps?: number;
  /**
   * Stop when the monitored top-1 error stops improving (EarlyStoppingSpec).
   * @default false
   */
  earlyStopping?: EarlyStopping;
}
