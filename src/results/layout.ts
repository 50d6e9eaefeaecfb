/**
 * The results layout (a public format):
 *
 *   <out>/<experiment>/experiment.resolved.json   every run of the experiment, defaults explicit
 *   <out>/<experiment>/<run-id>/run.json          the resolved run, its id and engine
 *   <out>/<experiment>/<run-id>/events.jsonl      append-only event log (events.ts)
 *   <out>/<experiment>/<run-id>/summary.json      final record (summary.ts), written last
 *   <out>/<experiment>/<run-id>/provenance.json   commit, runtime, engine, data fingerprint
 *   <out>/<experiment>/<run-id>/weights/          model.json + weights.bin (tfjs format)
 *   <out>/<experiment>/ensembles/<id>.json        one record per `bench eval --ensemble` result
 *   <out>/perf/<name>.json                        one record per `bench perf --out <out> --name <name>` (perf-record.ts)
 *
 * read-results.ts reads it back; the functions below name its paths and find its folders.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import { readJson } from '../core/read-json.js';
import type { ResolvedExperiment, ResolvedRun } from '../experiment/resolve.js';
import type { RunSummary } from './summary.js';

/** run.json: the resolved run with its id and the engine it runs on. */
export type RunFile = ResolvedRun & { runId: string; engine: string };

/** experiment.resolved.json: every run of the experiment, with the engine and the run ids. */
export type ResolvedExperimentFile = ResolvedExperiment & { engine: string; runIds: string[] };

export interface RunPaths {
  dir: string;
  run: string;
  events: string;
  summary: string;
  provenance: string;
  weights: string;
}

export function experimentDir(outDir: string, experiment: string): string {
  return join(outDir, experiment);
}

export function resolvedExperimentPath(outDir: string, experiment: string): string {
  return join(experimentDir(outDir, experiment), 'experiment.resolved.json');
}

export function runPaths(outDir: string, experiment: string, runId: string): RunPaths {
  const dir = join(experimentDir(outDir, experiment), runId);
  return {
    dir,
    run: join(dir, 'run.json'),
    events: join(dir, 'events.jsonl'),
    summary: join(dir, 'summary.json'),
    provenance: join(dir, 'provenance.json'),
    weights: join(dir, 'weights'),
  };
}

/** The summary of a run that already ended, or null (none yet, or unreadable). */
export function readSummary(paths: RunPaths): RunSummary | null {
  if (!existsSync(paths.summary)) return null;
  return readJson<RunSummary>(paths.summary).value;
}

/** Names of the experiment folders directly under a results folder, sorted; none when it does not exist. */
export function experimentNames(resultsDir: string): string[] {
  if (!existsSync(resultsDir)) return [];
  return readdirSync(resultsDir)
    .filter((name) => existsSync(resolvedExperimentPath(resultsDir, name)))
    .sort();
}

/**
 * The experiment folders a path names: the path itself when it is one (it holds an
 * experiment.resolved.json), else the experiment folders directly under it, sorted.
 */
export function experimentFolders(dir: string): string[] {
  if (existsSync(join(dir, 'experiment.resolved.json'))) return [dir];
  return experimentNames(dir).map((name) => experimentDir(dir, name));
}

/** Creates the folder (and parents) or fails with a message naming it and the fix. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError(messages.outputNotWritable(dir, code));
  }
}
