/**
 * How much LRN did, per variant with LRN: the alpha reading the runs used and, per LRN layer,
 * the factor LRN divided the activations by (summary.json `lrnActivity`: mean and 95th
 * percentile over positions and channels of a fixed validation batch), averaged over seeds.
 * A factor near 1 means LRN was nearly the identity (up to a constant), so an LRN ablation
 * on that run tests little.
 */
import { runGap } from './aggregate.js';
import type { ExperimentResults, ReportRun } from './results-view.js';

/** Below this mean factor LRN changed activations by under 1% on average. */
export const NEARLY_CONSTANT = 1.01;

export interface LrnActivityRow {
  experiment: string;
  variant: string;
  /** "formula", "cuda-convnet", or "not recorded" (results of older versions). */
  alphaReading: string;
  /** The LRN layer ("conv1"); "-" when no run of the variant recorded its activity. */
  layer: string;
  /** Means over the seeds that recorded it; null when none did. */
  mean: number | null;
  p95: number | null;
  /** Runs with a record, and runs with LRN. */
  recorded: number;
  runs: number;
  /** The row read out in one sentence. */
  reading: string;
}

function average(xs: number[]): number | null {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

function reading(layer: string, mean: number | null, p95: number | null): string {
  if (mean === null || p95 === null) return 'LRN activity not recorded (runs of an older version)';
  const text = `LRN divided ${layer}'s activations by ${mean.toFixed(2)} on average (95th percentile ${p95.toFixed(2)})`;
  return mean < NEARLY_CONSTANT ? `${text}. LRN was nearly a constant here: the ablation tests little` : text;
}

function variantRows(experiment: string, variant: string, runs: ReportRun[]): LrnActivityRow[] {
  const readings = [...new Set(runs.map((r) => r.setting.alphaReading ?? 'not recorded'))].sort().join(', ');
  const recorded = runs.filter((r) => r.lrnActivity !== null);
  const layers = [...new Set(recorded.flatMap((r) => Object.keys(r.lrnActivity!)))].sort();
  const base = { experiment, variant, alphaReading: readings, recorded: recorded.length, runs: runs.length };
  if (layers.length === 0) return [{ ...base, layer: '-', mean: null, p95: null, reading: reading('-', null, null) }];
  return layers.map((layer) => {
    const stats = recorded.map((r) => r.lrnActivity![layer]).filter((s) => s !== undefined && Number.isFinite(s.mean) && Number.isFinite(s.p95));
    const mean = average(stats.map((s) => s!.mean));
    const p95 = average(stats.map((s) => s!.p95));
    return { ...base, layer, mean, p95, recorded: stats.length, reading: reading(layer, mean, p95) };
  });
}

/** One row per LRN layer of each variant that uses LRN; none for an experiment without LRN. */
export function lrnActivityRows(e: ExperimentResults, label: (r: ReportRun) => string): LrnActivityRow[] {
  const groups = new Map<string, ReportRun[]>();
  for (const r of e.runs.filter((x) => runGap(x) === null && x.setting.normalization === 'lrn')) groups.set(label(r), [...(groups.get(label(r)) ?? []), r]);
  return [...groups.keys()].sort().flatMap((variant) => variantRows(e.name, variant, groups.get(variant)!));
}
