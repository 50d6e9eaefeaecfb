/**
 * Early stopping and the best epoch, as a pure state machine like schedule.ts: its state is
 * a small JSON value that checkpoints carry, so a resumed run stops where an uninterrupted
 * one does.
 *
 * Each evaluated epoch's top-1 error on the monitored split goes in. The state keeps the
 * best so far (the lowest: any drop counts, a tie does not, so of equal epochs the first
 * stays best) and how many evaluated epochs in a row have not improved on it. The best
 * epoch is tracked with early stopping off too (summary.json `bestEpoch`); only with it on
 * does that count reaching `patience` stop training.
 */
import type { ResolvedEarlyStopping } from '../experiment/resolve.js';

/** The split whose top-1 error decides: the holdout when the data set has one, else val. */
export type Monitor = 'holdout' | 'val';

export interface EarlyStoppingState {
  /** Lowest monitored top-1 error so far; null before the first evaluated epoch. */
  bestTop1Error: number | null;
  /** The epoch that reached it. */
  bestEpoch: number | null;
  /** Evaluated epochs in a row since the best one; unevaluated epochs do not count. */
  epochsWithoutImprovement: number;
  /** The epoch after which training stopped; null while it goes on (and always without early stopping). */
  stoppedAtEpoch: number | null;
}

export function initialEarlyStoppingState(): EarlyStoppingState {
  return { bestTop1Error: null, bestEpoch: null, epochsWithoutImprovement: 0, stoppedAtEpoch: null };
}

export function monitoredSplit(hasHoldout: boolean): Monitor {
  return hasHoldout ? 'holdout' : 'val';
}

export interface MonitoredOutcome {
  /** 1-based epoch that just finished. */
  epoch: number;
  /** Top-1 error on the monitored split, or null when this epoch was not evaluated. */
  top1Error: number | null;
}

/** The state after an epoch ends. */
export function nextEarlyStoppingState(spec: ResolvedEarlyStopping, state: EarlyStoppingState, outcome: MonitoredOutcome): EarlyStoppingState {
  const { epoch, top1Error } = outcome;
  if (top1Error === null || state.stoppedAtEpoch !== null) return state;
  if (state.bestTop1Error === null || top1Error < state.bestTop1Error) {
    return { ...state, bestTop1Error: top1Error, bestEpoch: epoch, epochsWithoutImprovement: 0 };
  }
  const waited = state.epochsWithoutImprovement + 1;
  const stops = spec !== false && waited >= spec.patience;
  return { ...state, epochsWithoutImprovement: waited, stoppedAtEpoch: stops ? epoch : null };
}

/** Whether `epoch` just became the best one (its weights are the ones to keep). */
export function isBestEpoch(state: EarlyStoppingState, epoch: number): boolean {
  return state.bestEpoch === epoch;
}
