/**
 * Time to a training-error target (the paper's Figure 1: 25% training error on CIFAR-10):
 * the first logged step at which the training top-1 error over the steps since the previous
 * log point is at most the target, in fractional epochs (step / steps per epoch). Runs whose
 * step events carry no `errors` (older results) fall back to the epoch-end training
 * evaluations, whole epochs only, and say so. A run that never reaches the target is
 * censored: its time is at least its length. A failed model (diverged, non-finite metrics)
 * never reaches it.
 */
import { runFailure, runGap } from './aggregate.js';
import type { ReportRun } from './results-view.js';

export type TargetSource = 'steps' | 'epoch-end evaluations';

export interface TargetTime {
  /** Fractional epochs at the hit; for a censored run the lower bound: its length in epochs. */
  epochs: number;
  censored: boolean;
  /** ms since the run started at the hit; null when censored or not logged. */
  elapsedMs: number | null;
  source: TargetSource;
  /** For a censored run: why, in words ("never reached 25%", "diverged ..."). */
  why: string | null;
}

/** The run's length in epochs: what it was meant to train (a failed run never gets further), else what it did. */
function lengthEpochs(run: ReportRun): number {
  return run.setting.epochs ?? run.summary?.epochsCompleted ?? run.epochs.length;
}

function fromSteps(run: ReportRun, target: number): TargetTime | null {
  const perEpoch = run.stepsPerEpoch;
  if (perEpoch === null || !run.steps.some((s) => s.top1 !== null)) return null;
  const hit = run.steps.find((s) => s.top1 !== null && s.top1 <= target);
  if (!hit) return null;
  return { epochs: hit.step / perEpoch, censored: false, elapsedMs: hit.elapsedMs, source: 'steps', why: null };
}

function fromEpochs(run: ReportRun, target: number): TargetTime | null {
  const hit = run.epochs.find((p) => p.trainTop1 !== null && p.trainTop1 <= target);
  return hit ? { epochs: hit.epoch, censored: false, elapsedMs: hit.elapsedMs, source: 'epoch-end evaluations', why: null } : null;
}

/** Whether the run's time comes from windowed step errors or from epoch-end evaluations. */
export function targetSource(run: ReportRun): TargetSource {
  return run.stepsPerEpoch !== null && run.steps.some((s) => s.top1 !== null) ? 'steps' : 'epoch-end evaluations';
}

/** Time to `target` (a fraction); null for a run that is a gap (in progress, failed for other reasons). */
export function timeToTarget(run: ReportRun, target: number): TargetTime | null {
  if (runGap(run) !== null) return null;
  const source = targetSource(run);
  const failure = runFailure(run);
  const censor = (why: string): TargetTime => ({ epochs: lengthEpochs(run), censored: true, elapsedMs: null, source, why });
  if (failure !== null) return censor(failure);
  const hit = source === 'steps' ? fromSteps(run, target) : fromEpochs(run, target);
  return hit ?? censor(`never reached ${target * 100}% training error in ${lengthEpochs(run)} epochs`);
}
