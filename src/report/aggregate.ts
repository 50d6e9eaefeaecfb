/**
 * Per-variant aggregates over seeds and paired differences between variants that differ in
 * one axis only. Only completed runs with the metric present count; the rest are gaps.
 */
import type { ExperimentResults, ReportRun } from './results-view.js';
import { spread, type Spread } from './stats.js';

export interface VariantAggregate {
  experiment: string;
  variant: string;
  axes: Record<string, unknown>;
  engine: string;
  seeds: number[];
  /** Error rates in percent. */
  valTop1: Spread | null;
  valTop5: Spread | null;
  imagesPerSecond: Spread | null;
  /** One line per run that did not count, with why. */
  gaps: string[];
}

export function runGap(run: ReportRun): string | null {
  if (run.state === 'in-progress') return `${run.runId} (seed ${run.seed}): still in progress, no summary yet`;
  if (run.state !== 'completed') return `${run.runId} (seed ${run.seed}): ${run.state}${run.message ? ` (${run.message})` : ''}`;
  if (!run.summary?.final.val) return `${run.runId} (seed ${run.seed}): no validation metrics in summary.json`;
  return null;
}

export function valError(run: ReportRun, metric: 'top1' | 'top5'): number | null {
  if (runGap(run) !== null) return null;
  const v = run.summary!.final.val!.errors[metric];
  return typeof v === 'number' && Number.isFinite(v) ? v * 100 : null;
}

export function variantKey(run: ReportRun): string {
  return `${run.experiment}\u0000${run.variant}\u0000${run.engine}`;
}

export function aggregateVariants(experiments: ExperimentResults[]): VariantAggregate[] {
  const groups = new Map<string, ReportRun[]>();
  for (const e of experiments) for (const r of e.runs) groups.set(variantKey(r), [...(groups.get(variantKey(r)) ?? []), r]);
  return [...groups.keys()].sort().map((key) => {
    const runs = groups.get(key)!.sort((a, b) => a.seed - b.seed);
    const counted = runs.filter((r) => runGap(r) === null);
    const metric = (m: 'top1' | 'top5') => spread(counted.map((r) => valError(r, m)).filter((v): v is number => v !== null));
    const missing = counted.filter((r) => valError(r, 'top5') === null).map((r) => `${r.runId} (seed ${r.seed}): no top-5 error recorded`);
    return {
      experiment: runs[0]!.experiment,
      variant: runs[0]!.variant,
      axes: runs[0]!.axes,
      engine: runs[0]!.engine,
      seeds: counted.map((r) => r.seed),
      valTop1: metric('top1'),
      valTop5: metric('top5'),
      // A summary without timings (hand-edited or older) leaves throughput out rather than crash.
      imagesPerSecond: spread(counted.map((r) => r.summary!.timings?.imagesPerSecond).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))),
      gaps: [...runs.map(runGap).filter((g): g is string => g !== null), ...missing],
    };
  });
}

function sameOtherAxes(a: ReportRun, b: ReportRun, axis: string): boolean {
  const keys = new Set([...Object.keys(a.axes), ...Object.keys(b.axes)]);
  keys.delete(axis);
  return [...keys].every((k) => JSON.stringify(a.axes[k]) === JSON.stringify(b.axes[k]));
}

/** Axis values match when equal as JSON; an LRN object counts as "on". */
export function axisMatches(value: unknown, wanted: unknown): boolean {
  if (typeof wanted === 'boolean' && typeof value === 'object' && value !== null) return wanted;
  return JSON.stringify(value) === JSON.stringify(wanted);
}

export interface Pair {
  seed: number;
  better: ReportRun;
  worse: ReportRun;
  /** The variant held fixed apart from the axis, e.g. "activation=relu". */
  context: string;
}

/** Runs paired by experiment, engine, seed and every other axis, differing in `axis` only. */
export function pairs(experiments: ExperimentResults[], axis: string, better: unknown, worse: unknown): Pair[] {
  const out: Pair[] = [];
  for (const e of experiments) {
    const done = e.runs.filter((r) => runGap(r) === null && axis in r.axes);
    for (const b of done.filter((r) => axisMatches(r.axes[axis], better))) {
      const w = done.find((r) => axisMatches(r.axes[axis], worse) && r.seed === b.seed && r.engine === b.engine && sameOtherAxes(b, r, axis));
      if (!w) continue;
      const context = Object.keys(b.axes).filter((k) => k !== axis).sort().map((k) => `${k}=${JSON.stringify(b.axes[k])}`).join(',') || 'base';
      out.push({ seed: b.seed, better: b, worse: w, context });
    }
  }
  return out.sort((x, y) => x.context.localeCompare(y.context) || x.seed - y.seed);
}
