/**
 * The training loop's side of early stopping (early-stopping.ts) and the best epoch: after
 * each epoch's evaluations it steps the state machine, records the best epoch's metrics
 * and, with restoreBest, keeps a copy of the best epoch's net (model-copy.ts) that the
 * last epoch puts back before the final evaluations, probes and saving.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ResolvedEarlyStopping } from '../experiment/resolve.js';
import type { AlexNet } from '../models/alexnet.js';
import type { BestEpoch, EarlyStoppingRecord } from '../results/summary.js';
import { initialEarlyStoppingState, isBestEpoch, nextEarlyStoppingState, type EarlyStoppingState, type Monitor } from './early-stopping.js';
import type { EpochEvaluations } from './epoch-evaluation.js';
import { copyModel, disposeCopy, restoreModel, type NamedTensor } from './model-copy.js';

export interface BestEpochTracker {
  readonly spec: ResolvedEarlyStopping;
  readonly monitor: Monitor;
  state: EarlyStoppingState;
  /** The best epoch so far and its metrics (summary.json `bestEpoch`). */
  record: BestEpoch | null;
  /** The best epoch's net, kept only with restoreBest; null before the first evaluation. */
  copy: NamedTensor[] | null;
}

export function createTracker(spec: ResolvedEarlyStopping, monitor: Monitor): BestEpochTracker {
  return { spec, monitor, state: initialEarlyStoppingState(), record: null, copy: null };
}

const keepsCopy = (spec: ResolvedEarlyStopping) => spec !== false && spec.restoreBest;

/** Takes one epoch's evaluations into account (null metrics: the epoch was not evaluated). */
export function afterEvaluation(t: BestEpochTracker, epoch: number, evaluated: EpochEvaluations, model: AlexNet): void {
  const monitored = evaluated[t.monitor];
  t.state = nextEarlyStoppingState(t.spec, t.state, { epoch, top1Error: monitored?.errors.top1 ?? null });
  if (!isBestEpoch(t.state, epoch)) return;
  t.record = { epoch, monitor: t.monitor, holdout: evaluated.holdout, val: evaluated.val };
  if (keepsCopy(t.spec)) {
    disposeCopy(t.copy);
    t.copy = copyModel(model);
  }
}

export function stopsHere(t: BestEpochTracker): boolean {
  return t.state.stoppedAtEpoch !== null;
}

/** With restoreBest, puts the best epoch's net back into `model` unless `epoch` (the last trained) is the best. */
export function restoreBest(t: BestEpochTracker, model: AlexNet, epoch: number): void {
  if (!keepsCopy(t.spec) || t.copy === null || t.state.bestEpoch === epoch) return;
  restoreModel(model, t.copy);
}

/** summary.json `earlyStopping`: null without early stopping. */
export function earlyStoppingRecord(t: BestEpochTracker, completed: boolean): EarlyStoppingRecord | null {
  if (t.spec === false) return null;
  return { stoppedAtEpoch: t.state.stoppedAtEpoch, restoredBest: completed && t.spec.restoreBest && t.record !== null, monitor: t.monitor };
}

/** Continues from a checkpoint: its state, best epoch and copy (whose tensors become the tracker's). */
export function resumeTracker(t: BestEpochTracker, saved: { state: EarlyStoppingState; record: BestEpoch | null; copy: tf.NamedTensorMap }): void {
  const copy = Object.entries(saved.copy).map(([name, tensor]) => ({ name, tensor }));
  disposeCopy(t.copy);
  Object.assign(t, { state: { ...saved.state }, record: saved.record, copy: copy.length ? copy : null });
}

export function disposeTracker(t: BestEpochTracker): void {
  disposeCopy(t.copy);
  t.copy = null;
}
