/**
 * The results layout (a public format):
 *
 *   <out>/<experiment>/experiment.resolved.json   every run of the experiment, defaults explicit
 *   <out>/<experiment>/<run-id>/run.json          the resolved run, its id and engine
 *   <out>/<experiment>/<run-id>/events.jsonl      append-only event log (events.ts)
 *   <out>/<experiment>/<run-id>/summary.json      final record (summary.ts), written last
 *   <out>/<experiment>/<run-id>/provenance.json   commit, runtime, engine, data fingerprint
 *   <out>/<experiment>/<run-id>/weights/          model.json + weights.bin (tfjs format)
 */
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import type { RunSummary } from './summary.js';

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

/** The summary of a run that already ended, or null. */
export function readSummary(paths: RunPaths): RunSummary | null {
  if (!existsSync(paths.summary)) return null;
  try {
    return JSON.parse(readFileSync(paths.summary, 'utf8')) as RunSummary;
  } catch {
    return null;
  }
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
