/**
 * The numbers behind the charts, computed from result records only: learning curves over
 * seeds, paired ablation effects per axis, time to a training-error target, throughput.
 * Every list is sorted so the same results always give the same report.
 */
import type { ExperimentResults, ReportRun } from './results-view.js';
import { aggregateVariants, runFailure, runGap, valError } from './aggregate.js';
import { loadReference } from '../paper/reference.js';
import { seedContrasts } from './seed-contrasts.js';
import { seedInterval, spread, type Spread } from './stats.js';
import { timeToTarget as targetTime } from './target-time.js';

export type Metric = 'top1' | 'top5';
export const METRICS: readonly Metric[] = ['top1', 'top5'];

/** Label of a variant: its name, with the engine when one experiment ran on several. */
export function variantLabel(run: Pick<ReportRun, 'variant' | 'engine'>, engines: number): string {
  return engines > 1 ? `${run.variant} [${run.engine}]` : run.variant;
}

export function engineCount(e: ExperimentResults): number {
  return new Set(e.runs.map((r) => r.engine)).size;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const it of items) m.set(key(it), [...(m.get(key(it)) ?? []), it]);
  return [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface CurvePoint {
  experiment: string;
  variant: string;
  epoch: number;
  split: 'train' | 'val';
  metric: Metric;
  /** Error in percent over the seeds that have this point. */
  mean: number;
  min: number;
  max: number;
  seeds: number;
}

/** Mean and min-max band over seeds of every epoch's train/val error, runs whose metrics stand (no failed model). */
export function learningCurves(e: ExperimentResults): CurvePoint[] {
  const engines = engineCount(e);
  const done = e.runs.filter((r) => runGap(r) === null && runFailure(r) === null);
  const out: CurvePoint[] = [];
  for (const [variant, runs] of groupBy(done, (r) => variantLabel(r, engines))) {
    const epochs = [...new Set(runs.flatMap((r) => r.epochs.map((p) => p.epoch)))].sort((a, b) => a - b);
    for (const epoch of epochs) {
      for (const split of ['train', 'val'] as const) {
        for (const metric of METRICS) {
          const field = `${split}${metric === 'top1' ? 'Top1' : 'Top5'}` as const;
          const values = runs.map((r) => r.epochs.find((p) => p.epoch === epoch)?.[field]).filter((v): v is number => typeof v === 'number');
          const s = spread(values.map((v) => v * 100));
          if (s) out.push({ experiment: e.name, variant, epoch, split, metric, mean: s.mean, min: s.min, max: s.max, seeds: s.n });
        }
      }
    }
  }
  return out;
}

/**
 * The ablation axes and which value the paper says is better. `variant` paper vs
 * paper-one-tower is the paper's towers comparison (half the kernels on one GPU); the
 * `towers` axis keeps the kernels and only removes the grouping, which the paper never ran.
 */
export const ABLATION_AXES: readonly { axis: string; better: unknown; worse: unknown; label: string }[] = [
  { axis: 'normalization', better: 'lrn', worse: 'none', label: 'LRN - none' },
  { axis: 'activation', better: 'relu', worse: 'tanh', label: 'ReLU - tanh' },
  { axis: 'variant', better: 'paper', worse: 'paper-one-tower', label: '2 towers - 1 with half the kernels (paper - paper-one-tower)' },
  { axis: 'towers', better: 2, worse: 1, label: '2 towers vs 1, same kernels (not the paper\'s comparison)' },
  { axis: 'dropout', better: 0.5, worse: 0, label: 'dropout 0.5 - 0' },
  { axis: 'pooling', better: 'overlapping', worse: 'non-overlapping', label: 'overlapping - non-overlapping pooling' },
  { axis: 'lighting', better: true, worse: false, label: 'PCA lighting on - off' },
];

export interface EffectRow {
  experiment: string;
  axis: string;
  contrast: string;
  metric: Metric;
  /** Seeds (the unit: contrasts of one seed are averaged over its contexts). */
  seeds: number;
  /** Contexts averaged within each seed (e.g. both activations). */
  contexts: number;
  /** Mean better-minus-worse difference in error over seeds, percentage points; low/high: 95% t-interval (null below 2 seeds). */
  mean: number;
  low: number | null;
  high: number | null;
  /** The paper's claimed difference in points, null where it gives none. */
  paper: number | null;
}

function paperDelta(axis: string, better: unknown, metric: Metric): number | null {
  const claim = loadReference().claims.find((c) => c.axis === axis && c.metric === metric && c.kind === 'error-difference' && JSON.stringify(c.better) === JSON.stringify(better));
  return claim?.deltaPoints ?? null;
}

/** For each axis the results vary: better-minus-worse val error, averaged within seed, each side at its best learning rate. */
export function ablationEffects(e: ExperimentResults): EffectRow[] {
  const out: EffectRow[] = [];
  for (const a of ABLATION_AXES) {
    for (const metric of METRICS) {
      const contrast = (b: ReportRun, w: ReportRun) => {
        const [eb, ew] = [valError(b, metric), valError(w, metric)];
        return eb === null || ew === null ? null : { low: eb - ew, high: eb - ew };
      };
      // Each side at its own best learning rate where the experiment varies it, as the claims table does.
      const c = seedContrasts(e, {
        axis: a.axis, better: a.better, worse: a.worse, contrast,
        tuneOver: ['learningRate'], tuneMeasure: (r) => valError(r, metric) ?? Number.POSITIVE_INFINITY,
      });
      const iv = seedInterval(c.values);
      if (!iv) continue;
      const bounded = iv.n > 1;
      out.push({ experiment: e.name, axis: a.axis, contrast: a.label, metric, seeds: iv.n, contexts: c.contexts.length, mean: iv.meanLow, low: bounded ? iv.low : null, high: bounded ? iv.high : null, paper: paperDelta(a.axis, a.better, metric) });
    }
  }
  return out;
}

export interface TimeToTargetRow {
  experiment: string;
  variant: string;
  activation: string;
  /** Training top-1 error target, percent. */
  targetPercent: number;
  runs: number;
  reached: number;
  /** Fractional epochs and seconds to the target, over the runs that reached it. */
  epochs: Spread | null;
  seconds: Spread | null;
  /** Where the times come from: windowed step errors, or epoch-end evaluations (older results). */
  source: string;
}

/** The ReLU claim's target (25% training error) unless the reference says otherwise. */
export function trainTarget(): number {
  return loadReference().claims.find((c) => c.kind === 'speedup')?.targetTrainError ?? 0.25;
}

export function timeToTarget(e: ExperimentResults): TimeToTargetRow[] {
  const engines = engineCount(e);
  const target = trainTarget();
  const done = e.runs.filter((r) => runGap(r) === null);
  return groupBy(done, (r) => variantLabel(r, engines)).map(([variant, runs]) => {
    const times = runs.map((r) => targetTime(r, target)!);
    const hits = times.filter((t) => !t.censored);
    return {
      experiment: e.name,
      variant,
      activation: String(runs[0]!.axes.activation ?? 'not varied'),
      targetPercent: target * 100,
      runs: runs.length,
      reached: hits.length,
      epochs: spread(hits.map((h) => h.epochs)),
      seconds: spread(hits.map((h) => h.elapsedMs).filter((v): v is number => v !== null).map((ms) => ms / 1000)),
      source: [...new Set(times.map((t) => t.source))].sort().join(' and '),
    };
  });
}

export interface ThroughputRow {
  experiment: string;
  engine: string;
  variant: string;
  imagesPerSecond: Spread;
}

export function throughput(experiments: ExperimentResults[]): ThroughputRow[] {
  return aggregateVariants(experiments)
    .filter((v) => v.imagesPerSecond !== null)
    .map((v) => ({ experiment: v.experiment, engine: v.engine, variant: v.variant, imagesPerSecond: v.imagesPerSecond! }));
}
