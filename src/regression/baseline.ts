/**
 * Baseline files: per run id, the metrics and weight hash of a known-good result set,
 * with the experiment name, engine and the experiment's tolerance overrides. Written
 * atomically by `bench baseline update`, read (and checked) by `bench compare`.
 */
import { existsSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { readJson } from '../core/read-json.js';
import type { RegressionSpec } from '../experiment/types.js';
import { resultsMessages } from '../results/messages.js';
import type { Metrics, ResultSet } from '../results/run-metrics.js';
import { trackMessages } from './messages.js';

export const BASELINE_FORMAT_VERSION = 1;

/** Engines whose runs repeat bit for bit on one machine (README, "Engines and reproducibility"). */
export const BIT_EXACT_ENGINES: readonly string[] = ['wasm', 'cpu'];

export interface BaselineRun {
  variant: string;
  seed: number;
  metrics: Metrics;
  weightsSha256: string | null;
}

export interface Baseline {
  schemaVersion: typeof BASELINE_FORMAT_VERSION;
  experiment: string;
  engine: string;
  bitExact: boolean;
  commit: string | null;
  regression?: RegressionSpec;
  runs: Record<string, BaselineRun>;
}

export function baselineFromResults(set: ResultSet): Baseline {
  const engines = [...new Set(set.runs.map((r) => r.engine))];
  const commits = [...new Set(set.runs.map((r) => r.commit))];
  const engine = engines.join('+');
  const runs: Record<string, BaselineRun> = {};
  for (const r of set.runs) {
    // A failed run is no baseline: its numbers would make any later result look fine.
    if (r.status !== 'completed') continue;
    runs[r.runId] = { variant: r.variant, seed: r.seed, metrics: r.metrics, weightsSha256: r.weightsSha256 };
  }
  if (!Object.keys(runs).length) throw new InputError(resultsMessages.noResults(set.dir));
  return {
    schemaVersion: BASELINE_FORMAT_VERSION,
    experiment: set.experiment,
    engine,
    bitExact: engines.length === 1 && BIT_EXACT_ENGINES.includes(engine),
    commit: commits.length === 1 ? commits[0] : null,
    ...(set.regression ? { regression: set.regression } : {}),
    runs,
  };
}

export function writeBaseline(path: string, baseline: Baseline): void {
  writeJsonAtomic(path, baseline);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads and checks a baseline file; a corrupt one is bad input (exit 2), never "no regression". */
export function readBaseline(path: string): Baseline {
  if (!existsSync(path)) throw new InputError(`${path}: baseline file does not exist; create it with "bench baseline update RESULTS --out ${path}"`);
  const { value: raw, error } = readJson<unknown>(path);
  if (error) throw new InputError(trackMessages.unreadableJson(path, 'baseline file', error.message));
  if (!isObject(raw)) throw new InputError(trackMessages.badField(path, 'the file', raw, 'a JSON object'));
  if (raw.schemaVersion !== BASELINE_FORMAT_VERSION) throw new InputError(trackMessages.badField(path, '"schemaVersion"', raw.schemaVersion, String(BASELINE_FORMAT_VERSION)));
  if (typeof raw.experiment !== 'string') throw new InputError(trackMessages.badField(path, '"experiment"', raw.experiment, 'an experiment name'));
  if (typeof raw.engine !== 'string') throw new InputError(trackMessages.badField(path, '"engine"', raw.engine, 'an engine name'));
  if (!isObject(raw.runs)) throw new InputError(trackMessages.badField(path, '"runs"', raw.runs, 'an object keyed by run id'));
  for (const [id, run] of Object.entries(raw.runs)) {
    const where = `"runs"."${id}"`;
    if (!isObject(run) || !isObject(run.metrics)) throw new InputError(trackMessages.badField(path, `${where}.metrics`, isObject(run) ? run.metrics : run, 'an object of metric values'));
    for (const [name, value] of Object.entries(run.metrics)) {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError(trackMessages.badField(path, `${where}.metrics.${name}`, value, 'a finite number'));
    }
    if (run.weightsSha256 !== null && typeof run.weightsSha256 !== 'string') throw new InputError(trackMessages.badField(path, `${where}.weightsSha256`, run.weightsSha256, 'a sha256 hex string or null'));
    if (typeof run.variant !== 'string') throw new InputError(trackMessages.badField(path, `${where}.variant`, run.variant, 'a variant label'));
  }
  return { ...(raw as unknown as Baseline), bitExact: raw.bitExact === true };
}
