/**
 * Learning-rate schedules. "plateau" is the paper's (section 5): divide by 10 when the
 * validation error stops improving, at most three times over the run.
 * A schedule is a pure state machine so that its state is a small JSON value (checkpoints).
 */

import type { ResolvedSchedule } from '../experiment/resolve.js';

export interface ScheduleState {
  learningRate: number;
  /** Best validation top-1 error so far (plateau only); null before the first evaluation. */
  bestError: number | null;
  epochsWithoutImprovement: number;
  reductions: number;
}

export function initialScheduleState(learningRate: number): ScheduleState {
  return { learningRate, bestError: null, epochsWithoutImprovement: 0, reductions: 0 };
}

export interface EpochOutcome {
  /** 1-based epoch that just finished. */
  epoch: number;
  /** Validation top-1 error of this epoch, or null when it was not evaluated. */
  valTop1Error: number | null;
}

/** The state after an epoch ends: the learning rate for the next epoch. */
export function nextScheduleState(
  schedule: ResolvedSchedule,
  baseLearningRate: number,
  state: ScheduleState,
  outcome: EpochOutcome,
): ScheduleState {
  switch (schedule.type) {
    case 'constant':
      return state;
    case 'step': {
      const drops = Math.floor(outcome.epoch / schedule.everyEpochs);
      return { ...state, learningRate: baseLearningRate * schedule.factor ** drops, reductions: drops };
    }
    case 'plateau':
      return plateau(schedule, state, outcome.valTop1Error);
  }
}

/**
 * Slack for comparing a drop in error with the threshold. Errors are fractions in [0, 1], so
 * a difference of two is off by a few ulps of 1 (about 1e-16): 9/1000 - 8/1000 computes as
 * just under 0.001. 1e-12 absorbs that and is far below one image of any validation set.
 */
const DROP_ROUNDING = 1e-12;

/** An improvement: a drop below the best so far of at least `threshold` (and above 0, so a tie never counts). */
function improves(error: number, bestError: number, threshold: number): boolean {
  const drop = bestError - error;
  return drop > 0 && drop >= threshold - DROP_ROUNDING;
}

/** Patience counts evaluated epochs in a row without an improvement; unevaluated ones do not count. */
function plateau(
  schedule: Extract<ResolvedSchedule, { type: 'plateau' }>,
  state: ScheduleState,
  error: number | null,
): ScheduleState {
  if (error === null) return state;
  if (state.bestError === null || improves(error, state.bestError, schedule.threshold)) {
    return { ...state, bestError: error, epochsWithoutImprovement: 0 };
  }
  const waited = state.epochsWithoutImprovement + 1;
  if (waited < schedule.patience || state.reductions >= schedule.maxReductions) {
    return { ...state, epochsWithoutImprovement: waited };
  }
  return {
    learningRate: state.learningRate * schedule.factor,
    bestError: state.bestError,
    epochsWithoutImprovement: 0,
    reductions: state.reductions + 1,
  };
}
