/**
 * History files: one experiment's results across successive commits, one entry per commit
 * (re-adding a commit replaces its entry), in the order they were added. Step changes are
 * flagged by a documented rule (stepChanges below), in the spirit of airspeed velocity.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { readJson } from '../core/read-json.js';
import type { Metrics, ResultSet } from '../results/run-metrics.js';
import { DEFAULT_REGRESSION, metricKind, sampleStd } from './tolerance.js';
import { trackMessages } from './messages.js';

export const HISTORY_FORMAT_VERSION = 1;

export interface HistoryEntry {
  commit: string;
  engine: string;
  /** Per completed run: variant, seed and metrics. */
  runs: { runId: string; variant: string; seed: number; metrics: Metrics }[];
}

export interface History {
  schemaVersion: typeof HISTORY_FORMAT_VERSION;
  experiment: string;
  entries: HistoryEntry[];
}

export function readHistory(path: string): History | null {
  if (!existsSync(path)) return null;
  const { value: h, error } = readJson<Partial<History>>(path);
  if (error) throw new InputError(trackMessages.unreadableJson(path, 'history file', error.message));
  if (typeof h !== 'object' || h === null || h.schemaVersion !== HISTORY_FORMAT_VERSION) {
    throw new InputError(trackMessages.badField(path, '"schemaVersion"', h?.schemaVersion, String(HISTORY_FORMAT_VERSION)));
  }
  if (typeof h.experiment !== 'string') throw new InputError(trackMessages.badField(path, '"experiment"', h.experiment, 'an experiment name'));
  if (!Array.isArray(h.entries)) throw new InputError(trackMessages.badField(path, '"entries"', h.entries, 'a list of commits'));
  return h as History;
}

/** Adds (or replaces) the entry of the result set's commit. */
export function addToHistory(history: History | null, set: ResultSet, historyPath: string): History {
  const commits = [...new Set(set.runs.map((r) => r.commit))];
  if (commits.some((c) => c === null)) throw new InputError(trackMessages.noCommit(set.dir));
  if (commits.length !== 1) throw new InputError(trackMessages.mixedCommits(set.dir, commits as string[]));
  if (history && history.experiment !== set.experiment) throw new InputError(trackMessages.historyOtherExperiment(historyPath, history.experiment, set.experiment));
  const entry: HistoryEntry = {
    commit: commits[0] as string,
    engine: [...new Set(set.runs.map((r) => r.engine))].join('+'),
    runs: set.runs.filter((r) => r.status === 'completed').map((r) => ({ runId: r.runId, variant: r.variant, seed: r.seed, metrics: r.metrics })),
  };
  const entries = (history?.entries ?? []).filter((e) => e.commit !== entry.commit);
  return { schemaVersion: HISTORY_FORMAT_VERSION, experiment: set.experiment, entries: [...entries, entry] };
}

export function writeHistory(path: string, history: History): void {
  writeJsonAtomic(path, history);
}

/** One point of a trend: a metric's mean over seeds of one variant at one commit. */
export interface TrendPoint {
  index: number;
  commit: string;
  variant: string;
  metric: string;
  mean: number;
  std: number;
  seeds: number;
  step: boolean;
}

export function metricNames(history: History): string[] {
  return [...new Set(history.entries.flatMap((e) => e.runs.flatMap((r) => Object.keys(r.metrics))))].sort();
}

/**
 * Noise of one point: the spread over seeds, with a floor so that seeds which agree by
 * chance (or one seed) do not flag every change. Floors: errorFloorPoints for error rates,
 * 2% of the value for loss, and 10% for throughput (CI runners vary that much run to run).
 */
function noise(metric: string, mean: number, std: number): number {
  const kind = metricKind(metric);
  const floor = kind === 'error' ? DEFAULT_REGRESSION.errorFloorPoints / 100 : kind === 'loss' ? 0.02 * Math.abs(mean) : 0.1 * Math.abs(mean);
  return Math.max(floor, std);
}

/** How many noise units a change must exceed, on both sides, to be a step. */
export const STEP_K = 3;

/**
 * The trend of every (variant, metric) across commits. A point is a step change when
 * |mean - previous mean| > STEP_K * noise of the previous point AND > STEP_K * noise of this
 * point: larger than the noise on both sides of the change.
 */
export function trends(history: History): TrendPoint[] {
  const points: TrendPoint[] = [];
  const last = new Map<string, TrendPoint>();
  history.entries.forEach((entry, index) => {
    const groups = new Map<string, number[]>();
    for (const run of entry.runs) {
      for (const [metric, v] of Object.entries(run.metrics)) {
        const key = `${run.variant}\u0000${metric}`;
        groups.set(key, [...(groups.get(key) ?? []), v]);
      }
    }
    for (const [key, values] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [variant, metric] = key.split('\u0000');
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const std = sampleStd(values);
      const prev = last.get(key);
      const gap = prev ? Math.abs(mean - prev.mean) : 0;
      const step = prev !== undefined && gap > STEP_K * noise(metric, prev.mean, prev.std) && gap > STEP_K * noise(metric, mean, std);
      const point = { index, commit: entry.commit, variant, metric, mean, std, seeds: values.length, step };
      points.push(point);
      last.set(key, point);
    }
  });
  return points;
}
