/**
 * `bench run`: validate every file first (all errors at once), resolve, pick the engine,
 * then train each (variant x seed) run that has not finished yet, one after another.
 */
import { canonicalJson, resolveExperiment, runId, type ResolvedExperiment, type ResolvedRun } from '../experiment/resolve.js';
import { validateExperimentFiles } from '../experiment/validate.js';
import { loadDataset, type ImageDataset } from '../../data/index.js';
import { useEngine, type EngineName } from '../../engine/engines.js';
import { writeJsonAtomic } from '../record/atomic.js';
import { ensureWritableDir, experimentDir, readSummary, resolvedExperimentPath, runPaths } from '../record/layout.js';
import type { RunStatus } from '../record/events.js';
import type { Progress, RunLabel } from '../progress.js';
import { executeRun } from './execute-run.js';
import type { LoaderOptions } from '../loader/batch-loader.js';

export interface RunRequest {
  files: string[];
  engine: EngineName | 'auto';
  outDir: string;
  /** Re-run runs that already finished. */
  force: boolean;
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
  status: RunStatus | 'skipped';
  summaryPath: string;
}

/** Runs whose earlier result stands: re-running them would give the same numbers. */
const FINISHED: ReadonlySet<RunStatus> = new Set(['completed', 'diverged']);

export async function runExperiments(req: RunRequest): Promise<RunOutcome[]> {
  const experiments = validateExperimentFiles(req.files).map(resolveExperiment);
  // Every check of the input before anything is written.
  const engine = await useEngine(req.engine);
  for (const e of experiments) ensureWritableDir(experimentDir(req.outDir, e.name));
  req.progress.info(`engine: ${engine.name} ${engine.version} on ${engine.device}${engine.note ? ` (${engine.note})` : ''}`);
  const total = experiments.reduce((n, e) => n + e.runs.length, 0);
  const outcomes: RunOutcome[] = [];
  const datasets = new Map<string, ImageDataset>();
  for (const experiment of experiments) {
    writeResolved(req.outDir, experiment, engine.name);
    for (const run of experiment.runs) {
      if (req.shouldStop()) return outcomes;
      const id = runId(run, engine.name);
      const label: RunLabel = { index: outcomes.length + 1, total, runId: id, experiment: run.experiment, variant: run.variant, seed: run.seed };
      const paths = runPaths(req.outDir, run.experiment, id);
      const earlier = readSummary(paths);
      if (earlier && FINISHED.has(earlier.status) && !req.force) {
        req.progress.runSkipped(label, `finished earlier (${earlier.status}); --force runs it again`);
        outcomes.push({ ...outcomeOf(run, id, paths.summary), status: 'skipped' });
        continue;
      }
      const dataset = await datasetFor(run, datasets, req.cacheDir);
      const summary = await executeRun({
        run, runId: id, label, engine, dataset, outDir: req.outDir, progress: req.progress,
        shouldStop: req.shouldStop, commandLine: req.commandLine, loader: req.loader,
      });
      outcomes.push({ ...outcomeOf(run, id, paths.summary), status: summary.status });
    }
  }
  return outcomes;
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

function writeResolved(outDir: string, experiment: ResolvedExperiment, engine: string): void {
  writeJsonAtomic(resolvedExperimentPath(outDir, experiment.name), {
    ...experiment,
    engine,
    runIds: experiment.runs.map((r) => runId(r, engine)),
  });
}
