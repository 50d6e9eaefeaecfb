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

function plateau(
  schedule: Extract<ResolvedSchedule, { type: 'plateau' }>,
  state: ScheduleState,
  error: number | null,
): ScheduleState {
  if (error === null) return state;
  if (state.bestError === null || error < state.bestError - schedule.threshold) {
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
