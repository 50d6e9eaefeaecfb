/**
 * Finished runs as flat metric records: what baselines, compare, history and cite work on.
 * Strict where the report is lenient: a result file that cannot be read is bad input here,
 * never a run quietly left out of a comparison or a citation.
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import type { RegressionSpec } from '../experiment/types.js';
import { experimentFolders } from './layout.js';
import { resultsMessages } from './messages.js';
import { readExperimentFolder, type ExperimentFolder, type ReadProblem } from './read-results.js';
import type { RunSummary } from './summary.js';

/** Metric name -> value. Error rates are fractions in 0..1; throughput in images per second. */
export type Metrics = Record<string, number>;

export interface RunMetrics {
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
  runs: RunMetrics[];
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

const WHAT: Record<ReadProblem['file'], string> = {
  resolved: 'resolved experiment',
  run: 'run file',
  summary: 'run summary',
  provenance: 'provenance file',
  perf: 'perf record',
};

function unreadable(problem: ReadProblem): InputError {
  return new InputError(resultsMessages.unreadableJson(problem.path, WHAT[problem.file], problem.error.message));
}

/**
 * One experiment's finished runs (folders with a summary.json), sorted by run folder. The
 * first unreadable resolved experiment, summary or provenance file of a finished run is an
 * InputError.
 */
export function resultSet(folder: ExperimentFolder): ResultSet {
  if (folder.problems.length) throw unreadable(folder.problems[0]);
  const runs: RunMetrics[] = [];
  for (const run of folder.runs) {
    const problem = run.problems.find((p) => p.file === 'summary') ?? (run.summary ? run.problems.find((p) => p.file === 'provenance') : undefined);
    if (problem) throw unreadable(problem);
    const s = run.summary;
    if (!s) continue;
    runs.push({
      runId: s.runId,
      variant: s.variant,
      seed: s.seed,
      engine: s.engine,
      status: s.status,
      metrics: summaryMetrics(s),
      weightsSha256: s.weightsSha256,
      commit: run.provenance?.git?.commit ?? null,
    });
  }
  return { dir: folder.dir, experiment: folder.resolved?.name ?? basename(folder.dir), regression: folder.resolved?.regression, runs };
}

/** Every experiment under `dir` (a results folder or one experiment folder in it); none is bad input. */
export function readResultSets(dir: string): ResultSet[] {
  if (!existsSync(dir)) throw new InputError(messages.fileNotFound(dir, 'results folder'));
  const folders = experimentFolders(dir);
  if (!folders.length) throw new InputError(resultsMessages.noResults(dir));
  return folders.map((f) => resultSet(readExperimentFolder(f)));
}
