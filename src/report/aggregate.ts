/**
 * Per-variant aggregates over seeds, and which runs count. A run still in progress, failed
 * or interrupted is a gap: it says nothing about the model. A run that diverged, or that
 * completed with non-finite validation metrics, says the model failed: it counts as 100%
 * error at every k (never as a missing value, which would flatter the variant), with a note.
 */
import type { ExperimentResults, ReportRun } from './results-view.js';
import { spread, type Spread } from './stats.js';

export type ErrorMetric = 'top1' | 'top5';

export interface VariantAggregate {
  experiment: string;
  variant: string;
  axes: Record<string, unknown>;
  engine: string;
  seeds: number[];
  /** Error rates in percent, centre crop. */
  valTop1: Spread | null;
  valTop5: Spread | null;
  /** Error rates in percent, the paper's ten patches; null when not evaluated. */
  tenCropTop1: Spread | null;
  tenCropTop5: Spread | null;
  imagesPerSecond: Spread | null;
  /** One line per run that did not count, with why. */
  gaps: string[];
  /** One line per run counted as a failure (100% error), with why. */
  failures: string[];
}

export function runGap(run: ReportRun): string | null {
  if (run.state === 'in-progress') return `${run.runId} (seed ${run.seed}): still in progress, no summary yet`;
  if (run.state === 'diverged') return null;
  if (run.state !== 'completed') return `${run.runId} (seed ${run.seed}): ${run.state}${run.message ? ` (${run.message})` : ''}`;
  if (!run.summary?.final.val) return `${run.runId} (seed ${run.seed}): no validation metrics in summary.json`;
  return null;
}

/** Non-finite numbers are written to JSON as null: anything but a finite number is one. */
const finite = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);

/** Why a counted run is a failure of the model (100% error), or null when its metrics stand. */
export function runFailure(run: ReportRun): string | null {
  if (runGap(run) !== null) return null;
  if (run.state === 'diverged') return `diverged${run.message ? ` (${run.message})` : ''}`;
  const val = run.summary!.final.val!;
  if (!finite(val.loss) || Object.values(val.errors).some((v) => !finite(v))) return 'completed with non-finite validation metrics';
  return null;
}

/** The failure note of a run, as listed under its experiment. */
export function failureLine(run: ReportRun, why: string): string {
  return `${run.runId} (seed ${run.seed}): ${why}; counted as 100% error at every k and as never reaching the training-error target`;
}

function failedError(run: ReportRun, metric: ErrorMetric): number | null {
  // Only the k the run evaluates: a failed run has no top-5 error if its variant records none.
  const k = metric === 'top1' ? 1 : 5;
  return run.setting.topK === null || run.setting.topK.includes(k) ? 100 : null;
}

/** Final centre-crop validation error in percent; 100 for a failed model; null for a gap or an unrecorded metric. */
export function valError(run: ReportRun, metric: ErrorMetric): number | null {
  if (runGap(run) !== null) return null;
  if (runFailure(run) !== null) return failedError(run, metric);
  const v = run.summary!.final.val!.errors[metric];
  return finite(v) ? v! * 100 : null;
}

/** Final ten-crop validation error in percent, on the same terms as valError; null when not evaluated. */
export function tenCropError(run: ReportRun, metric: ErrorMetric): number | null {
  if (runGap(run) !== null) return null;
  if (runFailure(run) !== null) return run.setting.tenCrop ? failedError(run, metric) : null;
  const errors = run.summary!.final.valTenCrop?.errors;
  if (!errors || !(metric in errors)) return null;
  return finite(errors[metric]) ? errors[metric]! * 100 : failedError(run, metric);
}

export function variantKey(run: ReportRun): string {
  return `${run.experiment}\u0000${run.variant}\u0000${run.engine}`;
}

const present = (values: (number | null)[]): number[] => values.filter((v): v is number => v !== null);

export function aggregateVariants(experiments: ExperimentResults[]): VariantAggregate[] {
  const groups = new Map<string, ReportRun[]>();
  for (const e of experiments) for (const r of e.runs) groups.set(variantKey(r), [...(groups.get(variantKey(r)) ?? []), r]);
  return [...groups.keys()].sort().map((key) => {
    const runs = groups.get(key)!.sort((a, b) => a.seed - b.seed);
    const counted = runs.filter((r) => runGap(r) === null);
    const measured = counted.filter((r) => runFailure(r) === null);
    const missing = counted.filter((r) => valError(r, 'top5') === null).map((r) => `${r.runId} (seed ${r.seed}): no top-5 error recorded`);
    return {
      experiment: runs[0]!.experiment,
      variant: runs[0]!.variant,
      axes: runs[0]!.axes,
      engine: runs[0]!.engine,
      seeds: counted.map((r) => r.seed),
      valTop1: spread(present(counted.map((r) => valError(r, 'top1')))),
      valTop5: spread(present(counted.map((r) => valError(r, 'top5')))),
      tenCropTop1: spread(present(counted.map((r) => tenCropError(r, 'top1')))),
      tenCropTop5: spread(present(counted.map((r) => tenCropError(r, 'top5')))),
      // Throughput of a failed run still measures the engine; a summary without timings is left out.
      imagesPerSecond: spread(present(counted.map((r) => r.summary!.timings?.imagesPerSecond ?? null).map((v) => (finite(v) ? v : null)))),
      gaps: [...runs.map(runGap).filter((g): g is string => g !== null), ...missing],
      failures: counted.filter((r) => !measured.includes(r)).map((r) => failureLine(r, runFailure(r)!)),
    };
  });
}
