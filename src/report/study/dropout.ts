/**
 * The paper's dropout claim (section 4.2: without dropout, substantial overfitting; with it,
 * roughly twice the iterations to converge) in numbers, from the eval-mode training error
 * (split "train-eval": the first N training images evaluated like validation images, dropout
 * off), never from the training error logged during the epoch, which dropout inflates:
 *
 * - the generalisation gap, validation top-1 minus eval-mode training top-1 (final, points),
 *   with and without dropout, and per seed how much of it dropout removes;
 * - epochs until the eval-mode training top-1 error first reaches DROPOUT_TARGET (whole
 *   evaluated epochs; a run that never does is censored at its length), as the ratio
 *   with/without, against the paper's "about 2x".
 *
 * Runs pair as every contrast does (same seed and other axes; the learning rate tuned per
 * side where the experiment varies it), so n is the number of seeds.
 */
import { runFailure, valError } from '../aggregate.js';
import { datasetLabel } from '../claim-setting.js';
import { fixed } from '../format.js';
import type { ExperimentResults, ReportRun } from '../results-view.js';
import { seedContrasts, type ContrastSpec, type Pair } from '../seed-contrasts.js';
import { median, spread, type Spread } from '../stats.js';
import { DEFAULT_MARGIN_POINTS } from './contrast-rows.js';
import { judgeDirection, type Judged } from './judge.js';

/** Eval-mode training top-1 error that counts as converged here: a stated default, the paper names none. */
export const DROPOUT_TARGET = 0.1;
/** The paper's "roughly doubles the number of iterations required to converge". */
export const DROPOUT_SLOWDOWN = 2;

export interface DropoutGapRow {
  experiment: string;
  /** Generalisation gap per side over the paired runs, points. */
  withDropout: Spread | null;
  withoutDropout: Spread | null;
  /** Per seed: the gap without minus the gap with (points of overfitting dropout removes). */
  judged: Judged;
  chosen: string[];
}

export interface TimeSide {
  runs: number;
  reached: number;
  /** Median epochs over the side's runs, censored runs at their length; `censored` when that median is a lower bound. */
  medianEpochs: number | null;
  censored: boolean;
}

export interface DropoutTimeRow {
  experiment: string;
  targetPercent: number;
  withDropout: TimeSide;
  withoutDropout: TimeSide;
  /** The ratio with/without dropout of epochs to the target (positive direction: dropout slower, as the paper says). */
  judged: Judged;
}

/** Validation top-1 minus eval-mode training top-1, points; null without a train-eval record or for a failed model. */
export function generalisationGap(run: ReportRun): number | null {
  const val = valError(run, 'top1');
  if (val === null || runFailure(run) !== null || run.facts.trainEvalTop1 === null) return null;
  return val - run.facts.trainEvalTop1 * 100;
}

/** Epochs to the eval-mode training target: whole evaluated epochs; censored at the run's length when never reached. */
export function epochsToTrainEval(run: ReportRun, target = DROPOUT_TARGET): { epochs: number; censored: boolean } | null {
  if (run.facts.trainEvalEpochs.length === 0) return null;
  const hit = runFailure(run) === null ? run.facts.trainEvalEpochs.find((p) => p.top1 <= target) : undefined;
  if (hit) return { epochs: hit.epoch, censored: false };
  return { epochs: run.setting.epochs ?? run.facts.trainEvalEpochs[run.facts.trainEvalEpochs.length - 1]!.epoch, censored: true };
}

function spec(contrast: ContrastSpec['contrast']): ContrastSpec {
  return { axis: 'dropout', better: 0.5, worse: 0, tuneOver: ['learningRate'], tuneMeasure: (r) => valError(r, 'top1') ?? 100, tuneText: (m) => `${fixed(m)}% error`, contrast };
}

function gapRow(e: ExperimentResults): DropoutGapRow | null {
  const c = seedContrasts(e, spec((b, w) => {
    const [gb, gw] = [generalisationGap(b), generalisationGap(w)];
    return gb === null || gw === null ? null : { low: gw - gb, high: gw - gb };
  }));
  if (c.values.length === 0) return null;
  const gaps = (side: 'better' | 'worse') => spread(uniqueRuns(c.pairs, side).map(generalisationGap).filter((g): g is number => g !== null));
  const judged = judgeDirection(c.values, { margin: DEFAULT_MARGIN_POINTS, unit: 'points', dataset: datasetLabel(c.pairs.flatMap((p) => [p.better, p.worse])) });
  return { experiment: e.name, withDropout: gaps('better'), withoutDropout: gaps('worse'), judged, chosen: c.chosen };
}

function uniqueRuns(pairs: Pair[], side: 'better' | 'worse'): ReportRun[] {
  return [...new Map(pairs.map((p) => [p[side].runId, p[side]])).values()];
}

function timeSide(runs: ReportRun[]): TimeSide {
  const times = runs.map((r) => epochsToTrainEval(r)).filter((t): t is { epochs: number; censored: boolean } => t !== null);
  if (times.length === 0) return { runs: runs.length, reached: 0, medianEpochs: null, censored: false };
  const m = median(times.map((t) => t.epochs));
  // The median is a lower bound when a censored time sits at or below it.
  const censored = times.some((t) => t.censored && t.epochs <= m);
  return { runs: runs.length, reached: times.filter((t) => !t.censored).length, medianEpochs: m, censored };
}

function timeRow(e: ExperimentResults): DropoutTimeRow | null {
  const c = seedContrasts(e, spec((b, w) => {
    const [tb, tw] = [epochsToTrainEval(b), epochsToTrainEval(w)];
    if (tb === null || tw === null) return null;
    const ratio = Math.log(tb.epochs / tw.epochs);
    // Oriented as the paper: positive when dropout (better) takes longer. Censored with dropout: at least; without: at most.
    return { low: tw.censored ? -Infinity : ratio, high: tb.censored ? Infinity : ratio };
  }));
  if (c.values.length === 0) return null;
  const judged = judgeDirection(c.values, { margin: Math.log(DROPOUT_SLOWDOWN) / 2, unit: 'x', dataset: datasetLabel(c.pairs.flatMap((p) => [p.better, p.worse])) });
  return { experiment: e.name, targetPercent: DROPOUT_TARGET * 100, withDropout: timeSide(uniqueRuns(c.pairs, 'better')), withoutDropout: timeSide(uniqueRuns(c.pairs, 'worse')), judged };
}

export function dropoutGapRows(experiments: readonly ExperimentResults[]): DropoutGapRow[] {
  return experiments.map(gapRow).filter((r): r is DropoutGapRow => r !== null);
}

export function dropoutTimeRows(experiments: readonly ExperimentResults[]): DropoutTimeRow[] {
  return experiments.map(timeRow).filter((r): r is DropoutTimeRow => r !== null);
}
