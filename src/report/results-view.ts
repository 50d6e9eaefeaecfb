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
import { runSetting, type RunSetting } from './run-setting.js';
import { runFacts, type RunFacts } from './study/run-facts.js';

/** A logged training step: the global step count and, when recorded, the training top-1 error over the window since the previous log point. */
export interface StepPoint {
  step: number;
  elapsedMs: number;
  /** Fraction; null when the event has no `errors` (results of older versions) or the value is not finite. */
  top1: number | null;
}

/** LRN activity per LRN layer (summary.json `lrnActivity`): the factor LRN divided activations by. */
export type LrnActivity = Record<string, { mean: number; p95: number }>;

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
  /** The resolved settings of run.json the report uses (protocols, comparability, LRN). */
  setting: RunSetting;
  steps: StepPoint[];
  /** Steps in one epoch (from the first epoch_end event, else the resolved training set and batch size); null when unknown. */
  stepsPerEpoch: number | null;
  /** null: not recorded (a run without LRN, or from an older version). */
  lrnActivity: LrnActivity | null;
  /** What the study's sections read besides the final errors (eval-mode training error, early stopping, gradients). */
  facts: RunFacts;
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

function stepPoints(events: readonly BenchEvent[]): StepPoint[] {
  return events
    .filter((e) => e.type === 'step')
    .map((e) => {
      // `errors` is a later, compatible addition to the step event: older logs lack it.
      const top1 = (e.value as { errors?: Record<string, unknown> }).errors?.top1;
      return { step: e.step, elapsedMs: e.elapsedMs, top1: typeof top1 === 'number' && Number.isFinite(top1) ? top1 : null };
    });
}

function stepsPerEpoch(events: readonly BenchEvent[], setting: RunSetting): number | null {
  const end = events.find((e) => e.type === 'epoch_end' && e.epoch > 0 && e.step > 0);
  if (end) return end.step / end.epoch;
  const { trainImages } = setting.dataset;
  // The loader makes ceil(images / batch) batches per epoch: the last one may be short.
  return trainImages !== null && setting.batchSize !== null ? Math.ceil(trainImages / setting.batchSize) : null;
}

function lrnActivityOf(summary: RunSummary | null): LrnActivity | null {
  const raw = (summary as { lrnActivity?: unknown } | null)?.lrnActivity;
  if (typeof raw !== 'object' || raw === null || Object.keys(raw).length === 0) return null;
  return raw as LrnActivity;
}

/** A run as the report shows it; null when its run.json is missing or unreadable. */
export function reportRun(r: RunFolder): ReportRun | null {
  const run = r.run;
  if (!run) return null;
  const start = r.events.find((e) => e.type === 'run_start')?.value as BenchEvent<'run_start'>['value'] | undefined;
  const setting = runSetting(run, run.axes ?? {});
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
    setting,
    steps: stepPoints(r.events),
    stepsPerEpoch: stepsPerEpoch(r.events, setting),
    lrnActivity: lrnActivityOf(r.summary),
    facts: runFacts(run, r.summary, r.events),
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
