/**
 * The one reader of the results layout (layout.ts): each experiment folder is read once into
 * typed records that report, compare, baselines, history, cite, ensembles and merge work
 * on. Reading never fails on a damaged file: a file that exists but cannot be read or parsed
 * is listed in `problems` (with the error), and each consumer decides what that means: a gap
 * in a report, bad input for compare, a run left out of an ensemble.
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readJson } from '../core/read-json.js';
import type { BenchEvent, RunStatus } from './events.js';
import { epochPoints, readEvents, type EpochPoint } from './read-events.js';
import { experimentFolders, type ResolvedExperimentFile, type RunFile } from './layout.js';
import { resultsMessages } from './messages.js';
import { perfDir, type PerfRecord } from './perf-record.js';
import type { Provenance } from './provenance.js';
import type { RunSummary } from './summary.js';

export type RunState = RunStatus | 'in-progress';

/** The JSON files of the layout, as named in `problems`. */
export type ResultFile = 'resolved' | 'run' | 'summary' | 'provenance' | 'perf';

/** A file that exists but could not be read or parsed. */
export interface ReadProblem {
  file: ResultFile;
  path: string;
  error: Error;
}

export interface RunFolder {
  /** The folder's name, which is the run id. */
  runId: string;
  dir: string;
  /** Which of the run's files exist (readable or not). */
  exists: { run: boolean; summary: boolean; provenance: boolean; weights: boolean };
  /** run.json; null when missing or unreadable. */
  run: RunFile | null;
  /** summary.json; null while the run is in progress, or when unreadable. */
  summary: RunSummary | null;
  /** summary.json as written ("" when absent). */
  summaryText: string;
  provenance: Provenance | null;
  /** The event log's whole lines; a torn last line of a run still writing is left out. */
  events: BenchEvent[];
  epochs: EpochPoint[];
  state: RunState;
  /** Unreadable files, in the order read: run, summary, provenance. */
  problems: ReadProblem[];
}

/** One ensembles/<id>.json record, as the report shows it. */
export interface EnsembleResult {
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

export interface ExperimentFolder {
  dir: string;
  /** experiment.resolved.json; null when missing or unreadable (see problems). */
  resolved: ResolvedExperimentFile | null;
  /** Run folders (those holding run.json or summary.json), sorted by name. */
  runs: RunFolder[];
  /** Well-formed ensemble records, sorted by id. */
  ensembles: EnsembleResult[];
  /** The resolved file, when it is missing or could not be read. */
  problems: ReadProblem[];
}

interface JsonFileRead<T> {
  exists: boolean;
  value: T | null;
  text: string;
  problem: ReadProblem | null;
}

function readFile<T>(file: ResultFile, path: string): JsonFileRead<T> {
  if (!existsSync(path)) return { exists: false, value: null, text: '', problem: null };
  const read = readJson<T>(path);
  return { exists: true, value: read.value, text: read.text, problem: read.error ? { file, path, error: read.error } : null };
}

/** One run folder (results/<experiment>/<run-id>). */
export function readRunFolder(dir: string): RunFolder {
  const run = readFile<RunFile>('run', join(dir, 'run.json'));
  const summary = readFile<RunSummary>('summary', join(dir, 'summary.json'));
  const provenance = readFile<Provenance>('provenance', join(dir, 'provenance.json'));
  const events = readEvents(join(dir, 'events.jsonl'));
  return {
    runId: basename(dir),
    dir,
    exists: { run: run.exists, summary: summary.exists, provenance: provenance.exists, weights: existsSync(join(dir, 'weights', 'model.json')) },
    run: run.value,
    summary: summary.value,
    summaryText: summary.text,
    provenance: provenance.value,
    events,
    epochs: epochPoints(events),
    state: summary.value ? summary.value.status : 'in-progress',
    problems: [run.problem, summary.problem, provenance.problem].filter((p): p is ReadProblem => p !== null),
  };
}

/** Every run folder of an experiment folder (a child holding run.json or summary.json), sorted by name. */
export function readRunFolders(experimentDir: string): RunFolder[] {
  return readdirSync(experimentDir)
    .sort()
    .filter((name) => existsSync(join(experimentDir, name, 'run.json')) || existsSync(join(experimentDir, name, 'summary.json')))
    .map((name) => readRunFolder(join(experimentDir, name)));
}

function readEnsembles(experimentDir: string): EnsembleResult[] {
  const dir = join(experimentDir, 'ensembles');
  if (!existsSync(dir)) return [];
  const out: EnsembleResult[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const e = readJson<Omit<EnsembleResult, 'id'> & { kind: string }>(join(dir, file)).value;
    if (!e || e.kind !== 'ensemble' || typeof e.errors?.top1 !== 'number') continue;
    out.push({ id: file.slice(0, -'.json'.length), experiment: e.experiment, members: [...e.members].sort(), memberCount: e.memberCount, split: e.split, crop: e.crop, loss: e.loss, errors: { top1: e.errors.top1, top5: e.errors.top5 }, examples: e.examples, engine: e.engine });
  }
  return out;
}

/** One experiment folder (results/<experiment>): its resolved experiment, run folders and ensembles. */
export function readExperimentFolder(dir: string): ExperimentFolder {
  const path = join(dir, 'experiment.resolved.json');
  const resolved = readJson<ResolvedExperimentFile>(path);
  return {
    dir,
    resolved: resolved.value,
    runs: readRunFolders(dir),
    ensembles: readEnsembles(dir),
    problems: resolved.error ? [{ file: 'resolved', path, error: resolved.error }] : [],
  };
}

/** A results folder: its experiment folders and its `bench perf --out` records (perf/*.json). */
export interface ResultsFolder {
  dir: string;
  /** The folder itself when it is an experiment folder, else the experiment folders under it. */
  experiments: ExperimentFolder[];
  /** Perf records, sorted by name. */
  perf: PerfRecord[];
  /** Perf files that could not be read, parsed or are no perf record. */
  problems: ReadProblem[];
}

/** perf/*.json of a results folder, sorted by file name; none when there is no perf folder. */
export function readPerfRecords(resultsDir: string): { records: PerfRecord[]; problems: ReadProblem[] } {
  const dir = perfDir(resultsDir);
  const records: PerfRecord[] = [];
  const problems: ReadProblem[] = [];
  if (!existsSync(dir)) return { records, problems };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('.')).sort()) {
    const path = join(dir, file);
    const read = readJson<PerfRecord>(path);
    if (read.error) problems.push({ file: 'perf', path, error: read.error });
    else if (read.value?.kind !== 'perf') problems.push({ file: 'perf', path, error: new Error(resultsMessages.notPerfRecord(path)) });
    else records.push(read.value);
  }
  return { records, problems };
}

/** A results folder (bench run --out): every experiment folder and every perf record. */
export function readResultsFolder(dir: string): ResultsFolder {
  const { records, problems } = readPerfRecords(dir);
  return { dir, experiments: experimentFolders(dir).map(readExperimentFolder), perf: records, problems };
}
