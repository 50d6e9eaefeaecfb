/**
 * `bench run`: validate every file first (all errors at once), resolve, pick the engine,
 * plan (this shard's runs, checkpoints to resume: plan.ts), then train each run that has
 * not finished yet, one after another, each under its lock (lock.ts) so that processes
 * sharing the results folder never train the same run twice.
 */
import { resolveExperiment, runId, canonicalJson, type ResolvedExperiment, type ResolvedRun } from '../experiment/resolve.js';
import { validateExperimentFiles } from '../experiment/validate.js';
import { loadDataset, type ImageDataset } from '../data/index.js';
import type { EngineName } from '../engine/engines.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { ensureWritableDir, experimentDir, readSummary, resolvedExperimentPath } from '../results/layout.js';
import type { RunStatus } from '../results/events.js';
import type { Progress, RunLabel } from './progress.js';
import { executeRun } from './execute-run.js';
import type { LoaderOptions } from './loader/batch-loader.js';
import { DEFAULT_LOCK_OPTIONS, describeOwner, lockPath, tryLock, type LockOptions } from './lock.js';
import { findCheckpoint, isFinished, planRuns, type PlannedRun } from './plan.js';
import type { Shard } from './shard.js';
import { useCheckedEngine, type MemoryCheck } from './memory-preflight.js';

export interface RunRequest {
  files: string[];
  engine: EngineName | 'auto';
  outDir: string;
  /** Re-run runs that already finished, and start unfinished ones again instead of resuming. */
  force: boolean;
  /** Continue unfinished runs from their newest usable checkpoint. */
  resume?: boolean;
  /** Train only this share of the runs (0-based index). */
  shard?: Shard;
  lock?: LockOptions;
  progress: Progress;
  /** Polled after every batch; true stops the current run after its batch. */
  shouldStop: () => boolean;
  commandLine?: string[];
  /** Decoded-data cache folder (src/data/decoded-cache.ts); absent: decode every time. */
  cacheDir?: string;
  /** Batch loader workers and prefetch depth; absent: batches built on the main thread. */
  loader?: LoaderOptions;
}

export interface RunOutcome {
  runId: string;
  experiment: string;
  variant: string;
  seed: number;
  /** "locked": another process holds the run's lock (it is training it). */
  status: RunStatus | 'skipped' | 'locked';
  summaryPath: string;
}

export async function runExperiments(req: RunRequest): Promise<RunOutcome[]> {
  const experiments = validateExperimentFiles(req.files).map(resolveExperiment);
  // Every check of the input before anything is written.
  const engine = await useCheckedEngine(req.engine, experiments.flatMap(memoryChecks), (note) => req.progress.info(note));
  for (const e of experiments) ensureWritableDir(experimentDir(req.outDir, e.name));
  const planned = planRuns({ experiments, engine: engine.name, outDir: req.outDir, force: req.force, resume: req.resume ?? false, shard: req.shard, lock: req.lock });
  req.progress.info(`engine: ${engine.name} ${engine.version} on ${engine.device}${engine.note ? ` (${engine.note})` : ''}`);
  const total = experiments.reduce((n, e) => n + e.runs.length, 0);
  if (req.shard) req.progress.info(`shard ${req.shard.index}/${req.shard.count} (0-based): ${planned.length} of ${total} runs`);
  for (const e of experiments) writeResolved(req.outDir, e, engine.name);
  const outcomes: RunOutcome[] = [];
  const datasets = new Map<string, ImageDataset>();
  for (const p of planned) {
    if (req.shouldStop()) return outcomes;
    const label: RunLabel = { index: outcomes.length + 1, total: planned.length, runId: p.runId, experiment: p.run.experiment, variant: p.run.variant, seed: p.run.seed };
    const outcome = (status: RunOutcome['status']): RunOutcome => ({ ...outcomeOf(p.run, p.runId, p.paths.summary), status });
    if (!req.force && isFinished(p)) {
      req.progress.runSkipped(label, `finished earlier (${readSummary(p.paths)?.status}); --force runs it again`);
      outcomes.push(outcome('skipped'));
      continue;
    }
    const attempt = tryLock(lockPath(req.outDir, p.run.experiment, p.runId), req.lock ?? DEFAULT_LOCK_OPTIONS);
    if (!attempt.acquired) {
      req.progress.runSkipped(label, `locked by ${describeOwner(attempt.owner)}, which is training it`);
      outcomes.push(outcome('locked'));
      continue;
    }
    try {
      // Another process may have finished it between the check above and the lock.
      if (!req.force && isFinished(p)) {
        req.progress.runSkipped(label, 'finished by another process meanwhile');
        outcomes.push(outcome('skipped'));
        continue;
      }
      const status = await trainOne(req, p, { label, engine, datasets });
      outcomes.push(outcome(status));
    } finally {
      attempt.lock.release();
    }
  }
  return outcomes;
}

/** What the memory check reads of each run: its model, batch and ten-patch evaluation. */
function memoryChecks(e: ResolvedExperiment): MemoryCheck[] {
  return e.runs.map((run) => ({
    where: `${e.source}: ${run.variant === 'base' ? '' : `variant "${run.variant}": `}/training/batchSize`,
    config: run.model, batchSize: run.training.batchSize, tenCrop: run.evaluation.tenCrop,
  }));
}

interface TrainContext {
  label: RunLabel;
  engine: { name: string; version: string; device: string };
  datasets: Map<string, ImageDataset>;
}

async function trainOne(req: RunRequest, p: PlannedRun, ctx: TrainContext): Promise<RunStatus> {
  const resume = req.resume && !req.force
    ? findCheckpoint(p, (dir, reason) => req.progress.info(`  unusable checkpoint ${dir}: ${reason}; trying the one before it`))
    : undefined;
  if (req.resume && !resume) req.progress.info(`  ${p.runId}: no usable checkpoint; starting from the beginning`);
  const dataset = await datasetFor(p.run, ctx.datasets, req.cacheDir);
  const summary = await executeRun({
    run: p.run, runId: p.runId, configHash: p.configHash, label: ctx.label, engine: ctx.engine, dataset, outDir: req.outDir,
    progress: req.progress, shouldStop: req.shouldStop, commandLine: req.commandLine, loader: req.loader, resume,
  });
  return summary.status;
}

function outcomeOf(run: ResolvedRun, id: string, summaryPath: string): Omit<RunOutcome, 'status'> {
  return { runId: id, experiment: run.experiment, variant: run.variant, seed: run.seed, summaryPath };
}

/** Data sets are generated or read once per distinct spec and shared by the runs using it. */
async function datasetFor(run: ResolvedRun, cache: Map<string, ImageDataset>, cacheDir?: string): Promise<ImageDataset> {
  const key = canonicalJson(run.dataset);
  let dataset = cache.get(key);
  if (!dataset) {
    dataset = await loadDataset(run.dataset, { cacheDir });
    cache.set(key, dataset);
  }
  return dataset;
}

/** The whole experiment (every run, not only this shard's), so that shards write identical files. */
function writeResolved(outDir: string, experiment: ResolvedExperiment, engine: string): void {
  writeJsonAtomic(resolvedExperimentPath(outDir, experiment.name), {
    ...experiment,
    engine,
    runIds: experiment.runs.map((r) => runId(r, engine)),
  });
}
