/**
 * One run from start to its records: run.json and provenance.json first, the event log
 * while it trains, then the final weights and summary.json last (atomically), so a folder
 * with a summary is a finished run and anything else is an unfinished one. Checkpoints go
 * to <run>/checkpoints while it trains and are removed once it has finished; a resumed run
 * keeps its folder, cuts its event log back to the checkpoint and continues both.
 */
import { mkdirSync, rmSync, truncateSync } from 'node:fs';
import { relative } from 'node:path';
import type { ImageDataset } from '../data/dataset.js';
import { savedVariables } from '../models/alexnet.js';
import type { ResolvedRun } from '../experiment/resolve.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { runPaths } from '../results/layout.js';
import { collectProvenance } from '../results/provenance.js';
import { RunRecorder } from '../results/recorder.js';
import type { RunSummary } from '../results/summary.js';
import { SUMMARY_FORMAT_VERSION } from '../results/summary.js';
import { encodeWeights, saveWeights } from '../results/weights.js';
import type { Progress, RunLabel } from './progress.js';
import { trainRun, type TrainResult } from './train.js';
import type { LoaderOptions } from './loader/batch-loader.js';
import type { LoadedCheckpoint } from './checkpoint.js';
import { removeCheckpoints, removeCheckpointsAfter, writeCheckpoint } from './checkpoint-store.js';
import { explainEngineError } from '../engine/engine-errors.js';

export interface EngineInfo {
  name: string;
  version: string;
  device: string;
}

export interface ExecuteOptions {
  run: ResolvedRun;
  runId: string;
  label: RunLabel;
  engine: EngineInfo;
  dataset: ImageDataset;
  outDir: string;
  progress: Progress;
  shouldStop: () => boolean;
  commandLine?: string[];
  loader?: LoaderOptions;
  /** Full config hash (resolve.ts configHash), stored in checkpoints. */
  configHash: string;
  /** Continue from this checkpoint (found by plan.ts) instead of starting over. */
  resume?: LoadedCheckpoint;
}

export async function executeRun(opts: ExecuteOptions): Promise<RunSummary> {
  const { run, runId, engine, dataset } = opts;
  const paths = runPaths(opts.outDir, run.experiment, runId);
  const recorder = opts.resume ? continueRecords(opts, paths) : startRecords(opts, paths);
  const checkpoint = (snapshot: Parameters<typeof writeCheckpoint>[1]) =>
    writeCheckpoint({ runDir: paths.dir, runId, configHash: opts.configHash, recorder }, snapshot).then(() => undefined);
  let result: TrainResult | null = null;
  let summary: RunSummary;
  try {
    result = await trainRun({
      run, dataset, recorder, shouldStop: opts.shouldStop, onBatch: (p) => opts.progress.batch(p), loader: opts.loader,
      resume: opts.resume, checkpoint,
    });
    const weightsSha256 = result.status === 'diverged' ? null : await writeWeights(paths.weights, result, { runId, engine: engine.name });
    summary = makeSummary(opts, result, recorder.elapsedMs, weightsSha256);
  } catch (err) {
    summary = failedSummary(opts, result, recorder.elapsedMs, explainEngineError(err, engine.name));
  } finally {
    result?.model.dispose();
  }
  writeJsonAtomic(paths.summary, summary);
  recorder.emit('run_end', { epoch: summary.epochsCompleted, step: summary.steps }, { status: summary.status, message: summary.message });
  recorder.close();
  // A finished run's record is its summary and final weights; checkpoints only serve unfinished ones.
  if (summary.status === 'completed' || summary.status === 'diverged') removeCheckpoints(paths.dir);
  opts.progress.runEnd(opts.label, summary);
  return summary;
}

/** A fresh run: any earlier attempt without a usable checkpoint is discarded. */
function startRecords(opts: ExecuteOptions, paths: ReturnType<typeof runPaths>): RunRecorder {
  const { run, runId, engine, dataset } = opts;
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(paths.dir, { recursive: true });
  writeJsonAtomic(paths.run, { runId, engine: engine.name, ...run });
  writeJsonAtomic(paths.provenance, collectProvenance({ engine, dataFingerprint: dataset.fingerprint, dataSkippedFiles: dataset.skippedFiles ?? [], commandLine: opts.commandLine }));
  const recorder = new RunRecorder(paths.events, opts.progress);
  opts.progress.runStart(opts.label);
  recorder.emit('run_start', { epoch: 0, step: 0 }, {
    runId, experiment: run.experiment, variant: run.variant, seed: run.seed, engine: engine.name, device: engine.device,
  });
  return recorder;
}

/** A resumed run: the log is cut back to the checkpoint (no step is logged twice) and continued. */
function continueRecords(opts: ExecuteOptions, paths: ReturnType<typeof runPaths>): RunRecorder {
  const ck = opts.resume as LoadedCheckpoint;
  const { epoch, batch, step } = ck.state.position;
  truncateSync(paths.events, ck.state.eventsBytes);
  // The earlier attempt's end (an interrupted summary, its weights) and unusable newer checkpoints.
  rmSync(paths.summary, { force: true });
  rmSync(paths.weights, { recursive: true, force: true });
  removeCheckpointsAfter(paths.dir, ck.dir);
  const recorder = new RunRecorder(paths.events, opts.progress, ck.state.elapsedMs);
  opts.progress.runStart(opts.label);
  opts.progress.info(`  resuming from ${relative(opts.outDir, ck.dir)}: epoch ${epoch}, batch ${batch + 1}, after step ${step}`);
  recorder.emit('checkpoint', { epoch: batch === 0 ? epoch - 1 : epoch, step }, { path: relative(paths.dir, ck.dir), resumed: true });
  return recorder;
}

/** The trainable weights, then the model state (batch normalization's running statistics; none without). */
async function writeWeights(dir: string, result: TrainResult, meta: Record<string, unknown>): Promise<string> {
  const encoded = await encodeWeights(savedVariables(result.model).map(({ name, variable }) => ({ name, tensor: variable })));
  saveWeights(dir, encoded, { ...meta, config: result.model.config, epochsCompleted: result.epochsCompleted });
  return encoded.sha256;
}

function base(opts: ExecuteOptions): Pick<RunSummary, 'schemaVersion' | 'runId' | 'experiment' | 'variant' | 'axes' | 'seed' | 'engine' | 'dataFingerprint' | 'dataSkippedFiles'> {
  const { run } = opts;
  return {
    schemaVersion: SUMMARY_FORMAT_VERSION,
    runId: opts.runId,
    experiment: run.experiment,
    variant: run.variant,
    axes: run.axes,
    seed: run.seed,
    engine: opts.engine.name,
    dataFingerprint: opts.dataset.fingerprint,
    dataSkippedFiles: opts.dataset.skippedFiles?.length ?? 0,
  };
}

function makeSummary(opts: ExecuteOptions, r: TrainResult, totalMs: number, weightsSha256: string | null): RunSummary {
  const epochMs = r.epochTimesMs;
  const trainMs = epochMs.reduce((a, b) => a + b, 0);
  return {
    ...base(opts),
    status: r.status,
    ...(r.message ? { message: r.message } : {}),
    epochsCompleted: r.epochsCompleted,
    steps: r.steps,
    final: { train: r.train, val: r.val, valTenCrop: r.valTenCrop, holdout: r.holdout, trainEval: r.trainEval },
    best: r.best,
    bestEpoch: r.bestEpoch,
    earlyStopping: r.earlyStopping,
    finalLearningRate: r.learningRate,
    timings: {
      totalMs: Math.round(totalMs),
      meanEpochMs: epochMs.length ? Math.round(trainMs / epochMs.length) : 0,
      imagesPerSecond: trainMs > 0 ? r.imagesSeen / (trainMs / 1000) : 0,
    },
    peakTensorBytes: r.peakTensorBytes,
    lrnActivity: r.lrnActivity,
    lrnAlphaReading: opts.run.model.lrn?.alphaReading ?? null,
    weightsSha256,
  };
}

function failedSummary(opts: ExecuteOptions, r: TrainResult | null, totalMs: number, message: string): RunSummary {
  return {
    ...base(opts),
    status: 'failed',
    message,
    epochsCompleted: r?.epochsCompleted ?? 0,
    steps: r?.steps ?? 0,
    final: { train: r?.train ?? null, val: r?.val ?? null, valTenCrop: r?.valTenCrop ?? null, holdout: r?.holdout ?? null, trainEval: r?.trainEval ?? null },
    best: r?.best ?? null,
    bestEpoch: r?.bestEpoch ?? null,
    earlyStopping: r?.earlyStopping ?? null,
    finalLearningRate: r?.learningRate ?? opts.run.training.learningRate,
    timings: { totalMs: Math.round(totalMs), meanEpochMs: 0, imagesPerSecond: 0 },
    peakTensorBytes: r?.peakTensorBytes ?? 0,
    lrnActivity: null,
    lrnAlphaReading: opts.run.model.lrn?.alphaReading ?? null,
    weightsSha256: null,
  };
}
