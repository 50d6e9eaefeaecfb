/**
 * Reads finished runs of one experiment from a results folder (the public layout of
 * src/results/layout.ts) into flat metric records: what baselines, compare,
 * history and cite work on. Reads only result files.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { RunSummary } from '../results/summary.js';
import type { Provenance } from '../results/provenance.js';
import type { RegressionSpec } from '../experiment/types.js';
import { trackMessages } from './messages.js';

/** Metric name -> value. Error rates are fractions in 0..1; throughput in images per second. */
export type Metrics = Record<string, number>;

export interface RunRecord {
  runId: string;
  variant: string;
  seed: number;
  engine: string;
  status: string;
  metrics: Metrics;
  weightsSha256: string | null;
  commit: string | null;
}

export interface ResultSet {
  /** The experiment folder the runs were read from. */
  dir: string;
  experiment: string;
  regression: RegressionSpec | undefined;
  runs: RunRecord[];
}

/** The metrics compared and tracked, flattened from a summary (absent ones left out). */
export function summaryMetrics(s: RunSummary): Metrics {
  const m: Metrics = {};
  for (const [k, v] of Object.entries(s.final.val?.errors ?? {})) m[`val.${k}Error`] = v;
  if (s.final.val) m['val.loss'] = s.final.val.loss;
  for (const [k, v] of Object.entries(s.final.valTenCrop?.errors ?? {})) m[`valTenCrop.${k}Error`] = v;
  for (const [k, v] of Object.entries(s.final.train?.errors ?? {})) m[`train.${k}Error`] = v;
  if (s.best) m['best.valTop1Error'] = s.best.valTop1Error;
  m.imagesPerSecond = s.timings.imagesPerSecond;
  return m;
}

function readJson<T>(path: string, what: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw new InputError(trackMessages.unreadableJson(path, what, (err as Error).message));
  }
}

/** Experiment folders under `dir`: `dir` itself when it is one, else its children that are. */
export function experimentFolders(dir: string): string[] {
  if (!existsSync(dir)) throw new InputError(`${dir}: results folder does not exist; check the path`);
  if (existsSync(join(dir, 'experiment.resolved.json'))) return [dir];
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => statSync(p).isDirectory() && existsSync(join(p, 'experiment.resolved.json')))
    .sort();
}

/** One experiment's finished runs (folders with a summary.json), sorted by run id. */
export function readExperimentFolder(dir: string): ResultSet {
  const resolved = readJson<{ name: string; regression?: RegressionSpec }>(join(dir, 'experiment.resolved.json'), 'resolved experiment');
  const runs: RunRecord[] = [];
  for (const name of readdirSync(dir).sort()) {
    const summaryPath = join(dir, name, 'summary.json');
    if (!existsSync(summaryPath)) continue;
    const s = readJson<RunSummary>(summaryPath, 'run summary');
    const provPath = join(dir, name, 'provenance.json');
    const prov = existsSync(provPath) ? readJson<Provenance>(provPath, 'provenance file') : null;
    runs.push({
      runId: s.runId,
      variant: s.variant,
      seed: s.seed,
      engine: s.engine,
      status: s.status,
      metrics: summaryMetrics(s),
      weightsSha256: s.weightsSha256,
      commit: prov?.git.commit ?? null,
    });
  }
  return { dir, experiment: resolved.name ?? basename(dir), regression: resolved.regression, runs };
}

/**
 * The single experiment in a results folder. `wanted` picks one by name where the folder
 * holds several (compare knows the name from its baseline).
 */
export function readResults(dir: string, wanted?: string): ResultSet {
  const folders = experimentFolders(dir);
  if (!folders.length) throw new InputError(trackMessages.noResults(dir));
  const sets = folders.map(readExperimentFolder);
  const pick = wanted === undefined ? sets : sets.filter((s) => s.experiment === wanted);
  if (pick.length === 1) return pick[0];
  if (wanted !== undefined && pick.length === 0) return sets.length === 1 ? sets[0] : { ...sets[0], experiment: sets.map((s) => s.experiment).join(', ') };
  throw new InputError(trackMessages.severalExperiments(dir, sets.map((s) => s.experiment)));
}

/** Engines whose runs repeat bit for bit on one machine (README, "Engines and reproducibility"). */
export const BIT_EXACT_ENGINES: readonly string[] = ['wasm', 'cpu'];
