/**
 * The report's view of results folders (read by src/results/read-results.ts). Reports read
 * only result files. Anything missing or unfinished becomes a gap with a reason, never a
 * crash: a run still in progress, a failed or diverged run, a summary without validation
 * metrics, a summary that cannot be read.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { experimentFolders } from '../results/layout.js';
import type { EpochPoint } from '../results/read-events.js';
import { readExperimentFolder, type EnsembleResult, type ExperimentFolder, type RunFolder, type RunState } from '../results/read-results.js';
import type { BenchEvent } from '../results/events.js';
import type { RunSummary } from '../results/summary.js';
import { reportMessages } from './messages.js';

export interface ReportRun {
  runId: string;
  experiment: string;
  variant: string;
  axes: Record<string, unknown>;
  seed: number;
  engine: string;
  device: string;
  commit: string | null;
  state: RunState;
  message: string | null;
  summary: RunSummary | null;
  epochs: EpochPoint[];
}

export interface ExperimentResults {
  name: string;
  description: string;
  /** Reference row id named by the experiment (undefined: the default row). */
  reference: string | undefined;
  /** `dataset.format` of its runs (null when the resolved file has no runs). */
  datasetFormat: string | null;
  /** The results folder as given (for labels when several are compared). */
  folder: string;
  /** The experiment's own folder (<folder>/<name>, or the folder itself). */
  dir: string;
  runs: ReportRun[];
  ensembles: EnsembleResult[];
  /** Everything read from the experiment folder (the citation's result set comes from it). */
  source: ExperimentFolder;
}

/** A run as the report shows it; null when its run.json is missing or unreadable. */
export function reportRun(r: RunFolder): ReportRun | null {
  const run = r.run;
  if (!run) return null;
  const start = r.events.find((e) => e.type === 'run_start')?.value as BenchEvent<'run_start'>['value'] | undefined;
  return {
    runId: r.runId,
    experiment: run.experiment,
    variant: run.variant,
    axes: run.axes ?? {},
    seed: run.seed,
    engine: run.engine,
    // Optional chaining all the way: a provenance file from an older or partial run may lack either block.
    device: r.provenance?.engine?.device ?? start?.device ?? 'unknown',
    commit: r.provenance?.git?.commit ?? null,
    state: r.state,
    message: r.summary?.message ?? null,
    summary: r.summary,
    epochs: r.epochs,
  };
}

function experimentResults(folder: string, dir: string): ExperimentResults {
  const source = readExperimentFolder(dir);
  const resolved = source.resolved;
  if (!resolved) throw new InputError(reportMessages.badResolved(join(dir, 'experiment.resolved.json')));
  const runs = source.runs.map(reportRun).filter((r): r is ReportRun => r !== null);
  if (runs.length === 0) throw new InputError(reportMessages.noRuns(dir));
  const foreign = runs.find((r) => r.experiment !== resolved.name);
  if (foreign) throw new InputError(reportMessages.mixedRuns(join(dir, foreign.runId, 'run.json'), foreign.experiment, resolved.name));
  const datasetFormat = resolved.runs?.[0]?.dataset?.format ?? null;
  return { name: resolved.name, description: resolved.description ?? '', reference: resolved.reference, datasetFormat, folder, dir, runs, ensembles: source.ensembles, source };
}

/** Every experiment in one results folder; an empty or unreadable folder is bad input. */
export function readResultsFolder(folder: string): ExperimentResults[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(reportMessages.noFolder(folder));
  const dirs = experimentFolders(folder);
  if (dirs.length === 0) throw new InputError(reportMessages.emptyFolder(folder));
  return dirs.map((dir) => experimentResults(folder, dir));
}

/**
 * Every experiment in several results folders, in the order given. The same experiment in two
 * folders is bad input: its runs would be counted twice (merge shards with "bench merge" first).
 */
export function readResultsFolders(folders: readonly string[]): ExperimentResults[] {
  const seen = new Set<string>();
  for (const f of folders) {
    const key = resolve(f);
    if (seen.has(key)) throw new InputError(reportMessages.folderTwice(f));
    seen.add(key);
  }
  const all = folders.flatMap((f) => readResultsFolder(f));
  // The same experiment from several folders (e.g. run on two engines) is compared side by
  // side: each copy is named after its folder so that tables, charts and ids stay apart.
  const count = new Map<string, number>();
  for (const e of all) count.set(e.name, (count.get(e.name) ?? 0) + 1);
  return all.map((e) => ((count.get(e.name) ?? 0) > 1 ? { ...e, name: `${e.name} (${e.folder})` } : e));
}
