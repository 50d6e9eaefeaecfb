/**
 * perf/<name>.json: one `bench perf` measurement kept with a results folder (a public,
 * versioned format beside the experiment folders, layout.ts): the measurement itself
 * (PerfResult) and where it was taken (engine and device are part of the measurement;
 * the date, the harness's commit, Node and the host are added here). read-results.ts reads
 * them back.
 */
import { cpus, arch, platform } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../core/atomic.js';
import { InputError } from '../core/errors.js';
import type { ModelVariant } from '../experiment/types.js';
import type { LayerTable } from '../models/layer-table.js';
import { ensureWritableDir } from './layout.js';
import { resultsMessages } from './messages.js';
import { gitState } from './provenance.js';

export const PERF_FORMAT_VERSION = 1;

export interface KernelTime {
  name: string;
  calls: number;
  timeMs: number;
}

/** What `bench perf` measures (src/train/perf.ts). */
export interface PerfResult {
  engine: string;
  engineVersion: string;
  device: string;
  variant: ModelVariant;
  lrn: boolean;
  inputSize: number;
  batchSize: number;
  parameters: number;
  /**
   * stepMsFastest: the fastest timed step. WHY beside the median: on a shared machine other
   * processes only ever slow a step down, so the fastest step is the steadiest estimate of
   * the uncontended cost (bench/side-by-side.sh compares both). Absent from records made
   * before it was measured.
   */
  train: { imagesPerSecond: number; stepMsMedian: number; stepMsFastest?: number; steps: number };
  inference: { imagesPerSecond: number; batchMsMedian: number; batches: number };
  /** Largest tfjs tensor memory seen during the timed steps (bytes). */
  peakTensorBytes: number;
  /** Resident set size of the process after the timed steps (bytes). */
  rssBytes: number;
  /** Largest resident set size of the process so far (bytes, getrusage maxrss). */
  peakRssBytes: number;
  /** Size of the wasm linear memory (it only grows), or null off `wasm` (bytes). */
  wasmHeapBytes: number | null;
  kernels: KernelTime[];
  /** With `bench perf EXPERIMENT`: the experiment's name and the labels of the runs that train this net. */
  experiment?: { name: string; runs: string[] };
  /** The net's layer table (src/models/layer-table.ts), from which bench/pytorch-reference.py --net builds its twin; absent in older records. */
  net?: LayerTable;
}

/** The record's contract: change it only with PERF_FORMAT_VERSION. */
export interface PerfRecord extends PerfResult {
  version: typeof PERF_FORMAT_VERSION;
  kind: 'perf';
  /** The file's name without .json (`--name`). */
  name: string;
  /** When the measurement ended, ISO 8601 UTC. */
  date: string;
  /** The harness's commit, and whether its tracked files differed from it (null outside git). */
  commit: string | null;
  dirty: boolean | null;
  node: string;
  host: { platform: string; arch: string; cpu: string; cores: number };
}

/** A name that is one plain file name on every system. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** The folder of the perf records of a results folder. */
export function perfDir(resultsDir: string): string {
  return join(resultsDir, 'perf');
}

/** Throws an InputError unless `name` can name a perf record. */
export function requirePerfName(name: string): void {
  if (!NAME.test(name)) throw new InputError(resultsMessages.badPerfName(name));
}

/** The record of `result` as measured now, on this host and commit. */
export function perfRecord(name: string, result: PerfResult, date = new Date()): PerfRecord {
  const git = gitState();
  const cpuList = cpus();
  return {
    version: PERF_FORMAT_VERSION, kind: 'perf', name, ...result,
    date: date.toISOString(), commit: git.commit, dirty: git.dirty, node: process.version,
    host: { platform: platform(), arch: arch(), cpu: cpuList[0]?.model ?? 'unknown', cores: cpuList.length },
  };
}

/** Writes `<resultsDir>/perf/<name>.json` atomically (replacing one of that name); returns its path. */
export function writePerfRecord(resultsDir: string, record: PerfRecord): string {
  requirePerfName(record.name);
  const dir = perfDir(resultsDir);
  ensureWritableDir(dir);
  const path = join(dir, `${record.name}.json`);
  writeJsonAtomic(path, record);
  return path;
}
