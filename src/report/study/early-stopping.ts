/**
 * Early stopping (matrix axis `earlyStopping`) against running the whole budget: per seed,
 * the full run's final validation top-1 minus the early-stopped run's (its restored best
 * epoch's when it restored one), and the epochs it saved. Which split chose the epoch
 * matters: a holdout never reported is an honest choice; the validation split itself makes
 * the restored error optimistic, and the row says so.
 */
import { runFailure, valError } from '../aggregate.js';
import { datasetLabel } from '../claim-setting.js';
import { fixed } from '../format.js';
import type { ExperimentResults, ReportRun } from '../results-view.js';
import { seedContrasts, type Pair } from '../seed-contrasts.js';
import { spread, type Spread } from '../stats.js';
import { DEFAULT_MARGIN_POINTS } from './contrast-rows.js';
import { judgeDirection, type Judged } from './judge.js';

export interface EarlyStoppingRow {
  experiment: string;
  /** Validation top-1 error (percent) of the early-stopped nets as kept, and of the full runs. */
  stopped: Spread | null;
  full: Spread | null;
  /** Per seed: full minus early-stopped (points early stopping removes). */
  judged: Judged;
  /** Epochs saved per early-stopped run (budget minus epochs trained). */
  epochsSaved: Spread | null;
  /** Runs that stopped before their budget, of the early-stopped runs. */
  stoppedEarly: number;
  runs: number;
  /** "holdout", "val", or both when runs differ. */
  monitor: string;
  /** Whether that choice is honest, in words. */
  monitorNote: string;
  chosen: string[];
}

/** The validation top-1 error of the net early stopping kept: the restored best epoch's, else the last. */
export function keptError(run: ReportRun): number | null {
  const best = run.facts.bestEpoch;
  if (runFailure(run) === null && run.facts.earlyStopping?.restoredBest && best?.valTop1 != null) return best.valTop1 * 100;
  return valError(run, 'top1');
}

function epochsSaved(run: ReportRun): number | null {
  const budget = run.setting.epochs;
  const stopped = run.facts.earlyStopping?.stoppedAtEpoch;
  if (budget === null || run.facts.earlyStopping === null) return null;
  return stopped === null || stopped === undefined ? 0 : Math.max(0, budget - stopped);
}

const MONITOR_NOTES: Record<string, string> = {
  holdout: 'the epoch was chosen on a holdout of training images never trained on, so the validation error is an honest estimate',
  val: 'the epoch was chosen on the validation split itself, so the restored validation error is optimistic',
};

const unique = (pairs: Pair[], side: 'better' | 'worse') => [...new Map(pairs.map((p) => [p[side].runId, p[side]])).values()];

function row(e: ExperimentResults): EarlyStoppingRow | null {
  const c = seedContrasts(e, {
    axis: 'earlyStopping',
    better: true,
    worse: false,
    tuneOver: ['learningRate'],
    tuneMeasure: (r) => keptError(r) ?? 100,
    tuneText: (m) => `${fixed(m)}% error`,
    contrast: (b, w) => {
      const [eb, ew] = [keptError(b), valError(w, 'top1')];
      return eb === null || ew === null ? null : { low: ew - eb, high: ew - eb };
    },
  });
  if (c.values.length === 0) return null;
  const stoppedRuns = unique(c.pairs, 'better');
  const monitors = [...new Set(stoppedRuns.map((r) => r.facts.earlyStopping?.monitor ?? r.facts.bestEpoch?.monitor ?? 'not recorded'))].sort();
  const saved = stoppedRuns.map(epochsSaved).filter((v): v is number => v !== null);
  return {
    experiment: e.name,
    stopped: spread(stoppedRuns.map(keptError).filter((v): v is number => v !== null)),
    full: spread(unique(c.pairs, 'worse').map((r) => valError(r, 'top1')).filter((v): v is number => v !== null)),
    judged: judgeDirection(c.values, { margin: DEFAULT_MARGIN_POINTS, unit: 'points', dataset: datasetLabel(stoppedRuns) }),
    epochsSaved: spread(saved),
    stoppedEarly: saved.filter((s) => s > 0).length,
    runs: stoppedRuns.length,
    monitor: monitors.join(' and '),
    monitorNote: monitors.map((m) => MONITOR_NOTES[m] ?? `the monitored split was ${m}`).join('; '),
    chosen: c.chosen,
  };
}

export function earlyStoppingRows(experiments: readonly ExperimentResults[]): EarlyStoppingRow[] {
  return experiments.map(row).filter((r): r is EarlyStoppingRow => r !== null);
}
