/**
 * The harness's own training loop (not tfjs `fit`, which shuffles with an unseeded generator):
 * seeded data order per epoch, seeded dropout per step, the paper's SGD, the learning-rate
 * schedule, per-epoch training and validation metrics, and a clear stop on a non-finite
 * loss. Step events carry the training top-k error over the window of steps since the
 * previous one, from device-side sums read only at log points, each followed by a
 * gradients event on its step (gradient-health.ts). Every random choice is
 * derived from the run's root seed (src/core/rng.ts), so the same seed on the same engine
 * gives bit-identical metrics and weights.
 *
 * Early stopping and the best epoch follow the monitored split (best-epoch.ts); with
 * restoreBest the best net is put back before the final ten-crop, probes and saving.
 *
 * Checkpoints (checkpoint.ts) are taken at each epoch end, every
 * training.checkpointEverySteps steps and when the run is stopped; a resumed run starts
 * the epoch loop at the checkpoint's batch index, which gives the same batches, dropout
 * masks and updates as an uninterrupted run because each is a pure function of the seeds
 * and the position.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset } from '../data/dataset.js';
import { messages } from '../core/errors.js';
import { buildAlexNet, savedVariables, type AlexNet } from '../models/alexnet.js';
import { createStream, deriveSeed, permutation, streamSeeds } from '../core/rng.js';
import type { ResolvedRun } from '../experiment/resolve.js';
import type { RunStatus } from '../results/events.js';
import type { RunRecorder } from '../results/recorder.js';
import type { BestEpoch, EarlyStoppingRecord, SplitMetrics } from '../results/summary.js';
import { BatchLoader, type LoaderOptions } from './loader/batch-loader.js';
import type { BatchJob } from './loader/batch-job.js';
import { batchFromPixels, batchIndices, disposeBatch, trainingLoaderSetup } from './batches.js';
import { afterEvaluation, createTracker, disposeTracker, earlyStoppingRecord, restoreBest, resumeTracker, stopsHere, type BestEpochTracker } from './best-epoch.js';
import { monitoredSplit } from './early-stopping.js';
import { evaluateEpoch, evaluateTenCrop, NOT_EVALUATED } from './epoch-evaluation.js';
import type { LrnActivity } from '../models/lrn-activity.js';
import { finalLrnActivity } from './probes.js';
import { RunningMetrics } from './metrics.js';
import { initialScheduleState, nextScheduleState, type ScheduleState } from './schedule.js';
import { createSgd, type Sgd } from './sgd.js';
import { trainStep } from './train-step.js';
import { readGradientHealth } from './gradient-health.js';
import type { EpochSums, LoadedCheckpoint, TrainingSnapshot } from './checkpoint.js';

export interface BatchProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  step: number;
  loss: number | null;
  imagesPerSecond: number;
}

export interface TrainOptions {
  run: ResolvedRun;
  dataset: ImageDataset;
  recorder: RunRecorder;
  onBatch?: (progress: BatchProgress) => void;
  /** Polled after every batch: true stops the run after the current batch ("interrupted"). */
  shouldStop: () => boolean;
  /** Worker threads and prefetch depth of the batch loader; absent: no workers. */
  loader?: LoaderOptions;
  /** Continue from this checkpoint instead of starting at epoch 1 (its tensors are disposed here). */
  resume?: LoadedCheckpoint;
  /** Saves a checkpoint; absent: none are taken. */
  checkpoint?: (snapshot: TrainingSnapshot) => Promise<void>;
}

export interface TrainResult {
  status: RunStatus;
  message?: string;
  model: AlexNet;
  epochsCompleted: number;
  steps: number;
  train: SplitMetrics | null;
  val: SplitMetrics | null;
  /** The paper's 10-patch validation metrics of the final net (evaluation.tenCrop). */
  valTenCrop: SplitMetrics | null;
  /** Last evaluated holdout and train-eval metrics; null where there are none. */
  holdout: SplitMetrics | null;
  trainEval: SplitMetrics | null;
  best: { valTop1Error: number; epoch: number } | null;
  bestEpoch: BestEpoch | null;
  earlyStopping: EarlyStoppingRecord | null;
  learningRate: number;
  epochTimesMs: number[];
  imagesSeen: number;
  peakTensorBytes: number;
  /** LRN activity of the final net per LRN layer (summary.json `lrnActivity`); null without LRN or when not completed. */
  lrnActivity: Record<string, LrnActivity> | null;
}

interface LoopState {
  step: number;
  schedule: ScheduleState;
  /** Early stopping's state, the best epoch and the copy of its net. */
  best: BestEpochTracker;
  result: TrainResult;
  /** Where the first epoch of this process starts: batch index and the sums before it. */
  startBatch: number;
  startSums: EpochSums | null;
  /** Sums over the steps since the last step event; spans epoch ends. */
  window: RunningMetrics;
}

/** Trains one run. The caller owns result.model and must dispose it. */
export async function trainRun(opts: TrainOptions): Promise<TrainResult> {
  const { run } = opts;
  const seeds = streamSeeds(run.seed);
  const model = buildAlexNet(run.model, { initSeed: seeds.init });
  const sgd = createSgd({ weights: model.weights, momentum: run.training.momentum, weightDecay: run.training.weightDecay });
  const loader = new BatchLoader(
    trainingLoaderSetup({ dataset: opts.dataset, inputSize: run.model.inputSize, pixelScale: run.dataset.pixelScale, augment: run.augment, augmentSeed: seeds.augment }),
    opts.loader ?? { workers: 0, prefetchBatches: 1 },
  );
  const state: LoopState = {
    step: 0,
    schedule: initialScheduleState(run.training.learningRate),
    best: createTracker(run.training.earlyStopping, monitoredSplit(opts.dataset.holdout !== undefined)),
    result: {
      status: 'completed', model, epochsCompleted: 0, steps: 0, train: null, val: null, valTenCrop: null, holdout: null, trainEval: null,
      best: null, bestEpoch: null, earlyStopping: null, learningRate: run.training.learningRate, epochTimesMs: [], imagesSeen: 0, peakTensorBytes: 0, lrnActivity: null,
    },
    startBatch: 0,
    startSums: null,
    window: new RunningMetrics(run.evaluation.topK),
  };
  let firstEpoch = 1;
  const snapshot = async (position: TrainingSnapshot['position'], epochSums: EpochSums | null): Promise<TrainingSnapshot> => ({
    position, streams: seeds, schedule: { ...state.schedule }, earlyStopping: { ...state.best.state }, epochSums, windowSums: await state.window.sums(),
    result: resultSoFar(state.result), weights: model.weights.map((w) => ({ name: w.name, tensor: w.variable })), velocities: sgd.velocities(),
    modelState: model.state.map((s) => ({ name: s.name, tensor: s.variable })),
    best: state.best.copy ?? [],
  });
  try {
    if (opts.resume) firstEpoch = restore(opts.resume, { model, sgd, state, seeds });
    for (let epoch = firstEpoch; epoch <= run.training.epochs; epoch++) {
      const status = await runEpoch(opts, { epoch, model, sgd, loader, orderSeed: deriveSeed(seeds.order, epoch), dropoutSeed: seeds.dropout, snapshot }, state);
      if (status !== 'completed' || stopsHere(state.best)) break;
      if (epoch < run.training.epochs && opts.checkpoint) await opts.checkpoint(await snapshot({ epoch: epoch + 1, batch: 0, step: state.step }, null));
    }
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    sgd.dispose();
    state.window.dispose();
    disposeTracker(state.best);
    await loader.close();
  }
  state.result.earlyStopping = earlyStoppingRecord(state.best, state.result.status === 'completed');
  state.result.steps = state.step;
  state.result.learningRate = state.schedule.learningRate;
  if (state.result.status === 'completed') state.result.lrnActivity = await finalLrnActivity(model, { dataset: opts.dataset, inputSize: run.model.inputSize, pixelScale: run.dataset.pixelScale });
  return state.result;
}

interface EpochContext {
  epoch: number;
  model: AlexNet;
  sgd: Sgd;
  loader: BatchLoader;
  orderSeed: number;
  dropoutSeed: number;
  snapshot: (position: TrainingSnapshot['position'], epochSums: EpochSums | null) => Promise<TrainingSnapshot>;
}

async function runEpoch(opts: TrainOptions, ctx: EpochContext, state: LoopState): Promise<RunStatus> {
  const { run, dataset, recorder } = opts;
  const { epoch, model, sgd } = ctx;
  const { training, evaluation } = run;
  const learningRate = state.schedule.learningRate;
  const { startBatch, startSums } = state;
  state.startBatch = 0;
  state.startSums = null;
  // A resumed epoch's start was logged before the checkpoint.
  if (startBatch === 0) recorder.emit('epoch_start', { epoch, step: state.step }, { learningRate });
  const startedMs = performance.now() - (startSums?.elapsedMs ?? 0);
  const order = permutation(dataset.train.count, createStream(ctx.orderSeed));
  const jobs: BatchJob[] = batchIndices(order, training.batchSize).map((indices, b) => ({
    epoch, firstPosition: b * training.batchSize, indices: Int32Array.from(indices),
  }));
  const metrics = new RunningMetrics(evaluation.topK, startSums ?? undefined);
  let lastLoss: number | null = null;
  const save = async (batch: number) => {
    if (!opts.checkpoint) return;
    const sums = { ...(await metrics.sums()), elapsedMs: performance.now() - startedMs };
    await opts.checkpoint(await ctx.snapshot({ epoch, batch, step: state.step }, sums));
  };
  try {
    let b = startBatch - 1;
    for await (const pixels of ctx.loader.batches(jobs.slice(startBatch))) {
      b += 1;
      const batch = batchFromPixels(pixels, { dataset, split: dataset.train, indices: jobs[b].indices, inputSize: run.model.inputSize, pixelScale: run.dataset.pixelScale });
      const logNow = (state.step + 1) % training.logEverySteps === 0;
      const { loss, misses, health } = trainStep({
        model, sgd, batch, learningRate, dropoutSeed: deriveSeed(ctx.dropoutSeed, state.step + 1), topK: evaluation.topK, measureHealth: logNow,
      });
      // Read (and freed) before the tensor memory is sampled, which therefore stays what it was without it.
      const gradients = health && (await readGradientHealth(health));
      metrics.add(loss, misses, batch.size);
      state.window.add(loss, misses, batch.size);
      disposeBatch(batch);
      misses.dispose();
      state.step += 1;
      state.result.imagesSeen += batch.size;
      state.result.peakTensorBytes = Math.max(state.result.peakTensorBytes, tf.memory().numBytes);
      const elapsedS = (performance.now() - startedMs) / 1000;
      const imagesPerSecond = metrics.examples / Math.max(elapsedS, 1e-9);
      if (logNow) lastLoss = (await loss.data())[0];
      loss.dispose();
      if (logNow && lastLoss !== null) {
        const errors = await state.window.readErrors();
        state.window.reset();
        recorder.emit('step', { epoch, step: state.step }, { loss: lastLoss, errors, learningRate, imagesPerSecond });
        if (gradients) recorder.emit('gradients', { epoch, step: state.step }, gradients);
        if (!Number.isFinite(lastLoss)) return stop(state, 'diverged', messages.diverged(lastLoss, epoch, state.step));
      }
      opts.onBatch?.({ epoch, epochs: training.epochs, batch: b + 1, batches: jobs.length, step: state.step, loss: lastLoss, imagesPerSecond });
      // On CPU engines every await above resolves as a microtask, so signal handlers (Ctrl-C)
      // and output would wait for the whole run: give the event loop one turn per batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (opts.shouldStop()) {
        await save(b + 1);
        return stop(state, 'interrupted', `stopped by the user at epoch ${epoch}, step ${state.step}`);
      }
      const every = training.checkpointEverySteps;
      // The last batch's checkpoint is the epoch-end one, after evaluation.
      if (every !== null && state.step % every === 0 && b + 1 < jobs.length) await save(b + 1);
    }
    const train = await metrics.read();
    if (!Number.isFinite(train.loss)) return stop(state, 'diverged', messages.diverged(train.loss, epoch, state.step));
    return await endEpoch(opts, { ...ctx, train, startedMs, examples: metrics.examples }, state);
  } finally {
    metrics.dispose();
  }
}

interface EpochEnd extends EpochContext {
  train: SplitMetrics;
  startedMs: number;
  examples: number;
}

async function endEpoch(opts: TrainOptions, end: EpochEnd, state: LoopState): Promise<RunStatus> {
  const { run, dataset, recorder } = opts;
  const { epoch, train } = end;
  const at = { epoch, step: state.step };
  recorder.emit('evaluation', at, { split: 'train', loss: train.loss, errors: train.errors, examples: end.examples });
  const isLast = epoch === run.training.epochs;
  const evaluation = { model: end.model, dataset, run, recorder, at };
  // Early stopping decides on every epoch, so it evaluates every epoch.
  const due = isLast || epoch % run.evaluation.everyEpochs === 0 || run.training.earlyStopping !== false;
  const evaluated = due ? await evaluateEpoch(evaluation) : NOT_EVALUATED;
  const top1 = evaluated.val?.errors.top1;
  if (top1 !== undefined && (state.result.best === null || top1 < state.result.best.valTop1Error)) {
    state.result.best = { valTop1Error: top1, epoch };
  }
  afterEvaluation(state.best, epoch, evaluated, end.model);
  state.result.bestEpoch = state.best.record;
  if (isLast || stopsHere(state.best)) {
    restoreBest(state.best, end.model, epoch);
    if (run.evaluation.tenCrop) state.result.valTenCrop = await evaluateTenCrop(evaluation);
  }
  const epochTimeMs = performance.now() - end.startedMs;
  recorder.emit('epoch_end', at, {
    learningRate: state.schedule.learningRate,
    epochTimeMs: Math.round(epochTimeMs),
    imagesPerSecond: end.examples / (epochTimeMs / 1000),
    peakTensorBytes: state.result.peakTensorBytes,
  });
  const r = state.result;
  Object.assign(r, { epochsCompleted: epoch, train, val: evaluated.val ?? r.val, holdout: evaluated.holdout ?? r.holdout, trainEval: evaluated.trainEval ?? r.trainEval });
  r.epochTimesMs.push(epochTimeMs);
  state.schedule = nextScheduleState(run.training.schedule, run.training.learningRate, state.schedule, { epoch, valTop1Error: top1 ?? null });
  return 'completed';
}

/** Puts a checkpoint's state into the model, optimizer and loop; returns the epoch to continue. */
function restore(ck: LoadedCheckpoint, live: { model: AlexNet; sgd: Sgd; state: LoopState; seeds: TrainingSnapshot['streams'] }): number {
  const { state: saved } = ck;
  try {
    // The streams are derived from the root seed and the position: equal seeds prove they continue exactly.
    if (JSON.stringify(saved.streams) !== JSON.stringify(live.seeds)) throw new RangeError(`checkpoint ${ck.dir}: stream seeds differ from the run's`);
    // Weight and state names never collide (state names end in /bn/mean or /bn/variance).
    const tensors = { ...ck.weights, ...ck.modelState };
    for (const w of savedVariables(live.model)) {
      const t = tensors[w.name];
      if (!t) throw new RangeError(`checkpoint ${ck.dir}: no weight ${w.name}`);
      w.variable.assign(t);
    }
    live.sgd.restore(ck.velocities);
  } finally {
    for (const t of [...Object.values(ck.weights), ...Object.values(ck.velocities), ...Object.values(ck.modelState)]) t.dispose();
  }
  const { state } = live;
  state.step = saved.position.step;
  state.schedule = { ...saved.schedule };
  resumeTracker(state.best, { state: saved.earlyStopping, record: saved.result.bestEpoch, copy: ck.best });
  Object.assign(state.result, { ...saved.result, epochTimesMs: [...saved.result.epochTimesMs] });
  state.startBatch = saved.position.batch;
  state.startSums = saved.epochSums;
  const window = new RunningMetrics(state.window.ks, saved.windowSums);
  state.window.dispose();
  state.window = window;
  return saved.position.epoch;
}

function resultSoFar(r: TrainResult): TrainingSnapshot['result'] {
  const { epochsCompleted, train, val, valTenCrop, holdout, trainEval, best, bestEpoch, epochTimesMs, imagesSeen, peakTensorBytes } = r;
  return structuredClone({ epochsCompleted, train, val, valTenCrop, holdout, trainEval, best, bestEpoch, epochTimesMs, imagesSeen, peakTensorBytes });
}

function stop(state: LoopState, status: RunStatus, message: string): RunStatus {
  state.result.status = status;
  state.result.message = message;
  return status;
}
