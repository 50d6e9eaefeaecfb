/**
 * Reads results folders (src/results/layout.ts) into plain records for the report.
 * Reports read only result files. Anything missing or unfinished becomes a gap with a
 * reason, never a crash: a run still in progress, a failed or diverged run, a summary
 * without validation metrics.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { RunSummary } from '../results/summary.js';
import type { BenchEvent } from '../results/events.js';
import type { Provenance } from '../results/provenance.js';
import { reportMessages } from './messages.js';

export interface EpochPoint {
  epoch: number;
  trainTop1: number | null;
  trainTop5: number | null;
  valTop1: number | null;
  valTop5: number | null;
  /** ms since the run started, at the end of this epoch. */
  elapsedMs: number | null;
}

export type RunState = 'completed' | 'diverged' | 'interrupted' | 'failed' | 'in-progress';

export interface RunRecord {
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
  /** sha256 input: the summary file's text ("" while in progress). */
  summaryText: string;
}

export interface EnsembleRecord {
  id: string;
  experiment: string;
  members: string[];
  memberCount: number;
  split: string;
  crop: 'centre' | 'ten-crop';
  loss: number;
  errors: { top1: number; top5: number };
  examples: number;
  engine: string;
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
  runs: RunRecord[];
  ensembles: EnsembleRecord[];
}

function readJson<T>(path: string): T | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return null;
  }
}

function readEvents(path: string): BenchEvent[] {
  if (!existsSync(path)) return [];
  const events: BenchEvent[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as BenchEvent);
    } catch {
      // A torn last line of a run that is still writing: skip it, the rest is whole.
    }
  }
  return events;
}

function epochPoints(events: BenchEvent[]): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  const point = (epoch: number): EpochPoint => {
    let p = byEpoch.get(epoch);
    if (!p) {
      p = { epoch, trainTop1: null, trainTop5: null, valTop1: null, valTop5: null, elapsedMs: null };
      byEpoch.set(epoch, p);
    }
    return p;
  };
  for (const e of events) {
    if (e.type === 'evaluation') {
      const v = e.value as BenchEvent<'evaluation'>['value'];
      const p = point(e.epoch);
      if (v.split === 'train') [p.trainTop1, p.trainTop5] = [v.errors.top1 ?? null, v.errors.top5 ?? null];
      if (v.split === 'val') [p.valTop1, p.valTop5] = [v.errors.top1 ?? null, v.errors.top5 ?? null];
    } else if (e.type === 'epoch_end') {
      point(e.epoch).elapsedMs = e.elapsedMs;
    }
  }
  return [...byEpoch.values()].filter((p) => p.epoch > 0).sort((a, b) => a.epoch - b.epoch);
}

function readRun(expDir: string, runId: string): RunRecord | null {
  const dir = join(expDir, runId);
  const run = readJson<{ experiment: string; variant: string; axes: Record<string, unknown>; seed: number; engine: string }>(join(dir, 'run.json'));
  if (!run) return null;
  const summaryPath = join(dir, 'summary.json');
  const summaryText = existsSync(summaryPath) ? readFileSync(summaryPath, 'utf8') : '';
  const summary = readJson<RunSummary>(summaryPath);
  const provenance = readJson<Provenance>(join(dir, 'provenance.json'));
  const events = readEvents(join(dir, 'events.jsonl'));
  const start = events.find((e) => e.type === 'run_start')?.value as BenchEvent<'run_start'>['value'] | undefined;
  return {
    runId,
    experiment: run.experiment,
    variant: run.variant,
    axes: run.axes ?? {},
    seed: run.seed,
    engine: run.engine,
    // Optional chaining all the way: a provenance file from an older or partial run may lack either block.
    device: provenance?.engine?.device ?? start?.device ?? 'unknown',
    commit: provenance?.git?.commit ?? null,
    state: summary ? summary.status : 'in-progress',
    message: summary?.message ?? null,
    summary,
    epochs: epochPoints(events),
    summaryText,
  };
}

function readEnsembles(expDir: string): EnsembleRecord[] {
  const dir = join(expDir, 'ensembles');
  if (!existsSync(dir)) return [];
  const out: EnsembleRecord[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const e = readJson<Omit<EnsembleRecord, 'id'> & { kind: string }>(join(dir, file));
    if (!e || e.kind !== 'ensemble' || typeof e.errors?.top1 !== 'number') continue;
    out.push({ id: file.slice(0, -'.json'.length), experiment: e.experiment, members: [...e.members].sort(), memberCount: e.memberCount, split: e.split, crop: e.crop, loss: e.loss, errors: { top1: e.errors.top1, top5: e.errors.top5 }, examples: e.examples, engine: e.engine });
  }
  return out;
}

/** The experiment folders under a results folder (or the folder itself when it is one). */
function experimentDirs(folder: string): string[] {
  if (existsSync(join(folder, 'experiment.resolved.json'))) return [folder];
  return readdirSync(folder)
    .filter((name) => existsSync(join(folder, name, 'experiment.resolved.json')))
    .sort()
    .map((name) => join(folder, name));
}

/** Every experiment in one results folder; an empty or unreadable folder is bad input. */
export function readResultsFolder(folder: string): ExperimentResults[] {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new InputError(reportMessages.noFolder(folder));
  const dirs = experimentDirs(folder);
  if (dirs.length === 0) throw new InputError(reportMessages.emptyFolder(folder));
  return dirs.map((dir) => {
    const resolved = readJson<{ name: string; description?: string; reference?: string; runs?: Array<{ dataset?: { format?: string } }> }>(join(dir, 'experiment.resolved.json'));
    if (!resolved) throw new InputError(reportMessages.badResolved(join(dir, 'experiment.resolved.json')));
    const runIds = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'run.json'))).sort();
    const runs = runIds.map((id) => readRun(dir, id)).filter((r): r is RunRecord => r !== null);
    if (runs.length === 0) throw new InputError(reportMessages.noRuns(dir));
    const foreign = runs.find((r) => r.experiment !== resolved.name);
    if (foreign) throw new InputError(reportMessages.mixedRuns(join(dir, foreign.runId, 'run.json'), foreign.experiment, resolved.name));
    const datasetFormat = resolved.runs?.[0]?.dataset?.format ?? null;
    return { name: resolved.name, description: resolved.description ?? '', reference: resolved.reference, datasetFormat, folder, dir, runs, ensembles: readEnsembles(dir) };
  });
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
