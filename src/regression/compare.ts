/**
 * `bench compare`: every run of a result set against its baseline, metric by metric, plus
 * the weight hash on bit-exact engines. Missing and extra runs are rows of their own.
 */
import { InputError } from '../core/errors.js';
import type { Baseline } from './baseline.js';
import type { ResultSet, RunMetrics } from '../results/run-metrics.js';
import { toleranceFor, worsening } from './tolerance.js';
import { trackMessages } from './messages.js';

export type RowStatus = 'ok' | 'improved' | 'regressed' | 'missing' | 'extra' | 'failed' | 'hash-changed';

export interface CompareRow {
  runId: string;
  variant: string;
  seed: number | null;
  metric: string;
  baseline: number | string | null;
  value: number | string | null;
  /** value - baseline, for numeric metrics. */
  delta: number | null;
  allowed: number | null;
  rule: string;
  status: RowStatus;
}

export interface CompareResult {
  experiment: string;
  engine: string;
  baselineEngine: string;
  hashChecked: boolean;
  regressions: number;
  rows: CompareRow[];
}

/** Row statuses that fail the comparison (exit 1). An extra run is reported but is no regression. */
const FAILING: readonly RowStatus[] = ['regressed', 'missing', 'failed', 'hash-changed'];

function seedValuesByVariant(baseline: Baseline): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  for (const run of Object.values(baseline.runs)) {
    const perMetric = out.get(run.variant) ?? new Map<string, number[]>();
    for (const [name, v] of Object.entries(run.metrics)) perMetric.set(name, [...(perMetric.get(name) ?? []), v]);
    out.set(run.variant, perMetric);
  }
  return out;
}

function metricRows(run: RunMetrics, baseline: Baseline, spread: Map<string, Map<string, number[]>>): CompareRow[] {
  const base = baseline.runs[run.runId];
  const rows: CompareRow[] = [];
  for (const [metric, baseValue] of Object.entries(base.metrics)) {
    const value = run.metrics[metric];
    const common = { runId: run.runId, variant: run.variant, seed: run.seed, metric, baseline: baseValue };
    if (value === undefined) {
      rows.push({ ...common, value: null, delta: null, allowed: null, rule: 'present', status: 'missing' });
      continue;
    }
    const tol = toleranceFor({ name: metric, baselineValue: baseValue, seedValues: spread.get(run.variant)?.get(metric) ?? [], spec: baseline.regression });
    const worse = worsening(metric, baseValue, value);
    const status: RowStatus = worse > tol.allowed ? 'regressed' : -worse > tol.allowed ? 'improved' : 'ok';
    rows.push({ ...common, value, delta: value - baseValue, allowed: tol.allowed, rule: tol.rule, status });
  }
  return rows;
}

function hashRow(run: RunMetrics, baseline: Baseline): CompareRow {
  const base = baseline.runs[run.runId].weightsSha256;
  const same = base === run.weightsSha256;
  return {
    runId: run.runId, variant: run.variant, seed: run.seed, metric: 'weightsSha256', baseline: base, value: run.weightsSha256,
    delta: null, allowed: null, rule: 'exact', status: same ? 'ok' : 'hash-changed',
  };
}

export interface CompareOptions {
  results: ResultSet;
  baseline: Baseline;
  baselinePath: string;
}

export function compareResults({ results, baseline, baselinePath }: CompareOptions): CompareResult {
  if (results.experiment !== baseline.experiment) {
    throw new InputError(trackMessages.otherExperiment(baselinePath, baseline.experiment, results.dir, results.experiment.split(', ')));
  }
  const engine = [...new Set(results.runs.map((r) => r.engine))].join('+');
  // Hashes only repeat on the engine (and kind of engine) the baseline was made with.
  const hashChecked = baseline.bitExact && engine === baseline.engine && (baseline.regression?.exactWeights ?? true);
  const spread = seedValuesByVariant(baseline);
  const rows: CompareRow[] = [];
  const seen = new Set<string>();
  for (const run of results.runs) {
    seen.add(run.runId);
    if (!(run.runId in baseline.runs)) {
      rows.push({ runId: run.runId, variant: run.variant, seed: run.seed, metric: '(run)', baseline: null, value: run.status, delta: null, allowed: null, rule: 'not in baseline', status: 'extra' });
      continue;
    }
    if (run.status !== 'completed') {
      rows.push({ runId: run.runId, variant: run.variant, seed: run.seed, metric: '(run)', baseline: 'completed', value: run.status, delta: null, allowed: null, rule: 'completed', status: 'failed' });
      continue;
    }
    rows.push(...metricRows(run, baseline, spread));
    if (hashChecked) rows.push(hashRow(run, baseline));
  }
  for (const [runId, base] of Object.entries(baseline.runs)) {
    if (seen.has(runId)) continue;
    rows.push({ runId, variant: base.variant, seed: base.seed, metric: '(run)', baseline: 'completed', value: null, delta: null, allowed: null, rule: 'present', status: 'missing' });
  }
  const regressions = rows.filter((r) => FAILING.includes(r.status)).length;
  return { experiment: results.experiment, engine, baselineEngine: baseline.engine, hashChecked, regressions, rows };
}
