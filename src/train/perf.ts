/**
 * `bench perf`: training and inference throughput of one model variant on one engine,
 * on seeded random data (the numbers measure the engine, not a data loader). Warm-up
 * steps are excluded; each timed step ends with a read of the loss so the engine has
 * really finished the work (GPU engines run asynchronously).
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet, type AlexNet } from '../models/alexnet.js';
import { variantConfig } from '../models/variants.js';
import type { AlexNetConfig } from '../models/config.js';
import { layerTable } from '../models/layer-table.js';
import type { ModelVariant } from '../experiment/types.js';
import type { ActiveEngine, EngineName } from '../engine/engines.js';
import { explainEngineError } from '../engine/engine-errors.js';
import { RunError } from '../core/errors.js';
import { deriveSeed } from '../core/rng.js';
import type { KernelTime, PerfResult } from '../results/perf-record.js';
import type { Batch } from './batches.js';
import { createSgd, type Sgd } from './sgd.js';
import { trainStep } from './train-step.js';
import { useCheckedEngine } from './memory-preflight.js';

/** One net to time: a preset's (`--variant --input --lrn`) or an experiment's (perf-nets.ts). */
export interface PerfNet {
  /** The preset the config came from (reports name the net by it). */
  variant: ModelVariant;
  config: AlexNetConfig;
  batchSize: number;
  /** With an experiment: its name and the labels of the runs that train this net. */
  experiment?: { name: string; runs: string[] };
  /** Where a message about the batch size points: the option, or the experiment file's field (default --batch). */
  batchWhere?: string;
}

export interface PerfOptions {
  engine: EngineName | 'auto';
  net: PerfNet;
  warmupSteps: number;
  timedSteps: number;
  /** Also record a per-kernel time breakdown of one training step (tf.profile). */
  profile: boolean;
  /** Hears notes for the user (the memory check skipped); default: none. */
  onNote?: (line: string) => void;
}

export type { KernelTime, PerfResult } from '../results/perf-record.js';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

export interface PresetPerfOptions {
  variant: ModelVariant;
  inputSize: number;
  classes: number;
  /** Force LRN after conv1 and conv2 on (true) or off (false); undefined: the variant's own. */
  lrn?: boolean;
}

export function perfConfig(opts: PresetPerfOptions): AlexNetConfig {
  // LRN on brings the paper's parameters (variantConfig), off drops them.
  const normalization = opts.lrn === undefined ? undefined : opts.lrn ? 'lrn' : 'none';
  return variantConfig(opts.variant, { inputSize: opts.inputSize, classes: opts.classes, normalization });
}

export async function measurePerf(opts: PerfOptions): Promise<PerfResult> {
  // The inference passes are at most as large as the training step: no ten-patch evaluation here.
  const check = { where: opts.net.batchWhere ?? '--batch', config: opts.net.config, batchSize: opts.net.batchSize, tenCrop: false };
  const engine = await useCheckedEngine(opts.engine, [check], (note) => opts.onNote?.(note));
  try {
    return await measureOn(engine, opts);
  } catch (err) {
    const message = explainEngineError(err, engine.name);
    // A known engine failure is the run's, not a bug: a clear message and exit code 1.
    throw message === (err as Error)?.message ? err : new RunError(message);
  }
}

/** What a timed step needs: the seeded net, its SGD and one batch of random data; dispose() frees them all. */
export interface PerfSetup {
  model: AlexNet;
  sgd: Sgd;
  batch: Batch;
  /** The data stream's seed; steps derive their dropout seeds from it. */
  seed: number;
  dispose(): void;
}

/** The seeded net, SGD and random batch `bench perf` times (bench/wasm-heap.ts traces the same). */
export function perfSetup(config: AlexNetConfig, batchSize: number): PerfSetup {
  const model = buildAlexNet(config, { initSeed: deriveSeed(1, 'perf', 'init') });
  const sgd = createSgd({ weights: model.weights, momentum: 0.9, weightDecay: 0.0005 });
  const seed = deriveSeed(1, 'perf', 'data');
  // Pixel-scale inputs (std 50), like mean-subtracted images in 0..255.
  const x = tf.tidy(() => tf.mul(tf.randomNormal([batchSize, config.inputSize, config.inputSize, 3], 0, 1, 'float32', seed), 50)) as tf.Tensor4D;
  const labels = Int32Array.from({ length: batchSize }, (_, i) => i % config.classes);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), config.classes), 'float32')) as tf.Tensor2D;
  return {
    model, sgd, seed, batch: { x, y, labels, size: batchSize },
    dispose() {
      tf.dispose([x, y]);
      sgd.dispose();
      model.dispose();
    },
  };
}

async function measureOn(engine: ActiveEngine, opts: PerfOptions): Promise<PerfResult> {
  const { config, batchSize } = opts.net;
  const setup = perfSetup(config, batchSize);
  const { model, sgd, batch, seed } = setup;
  const { x } = batch;
  let peak = 0;
  const step = async (i: number) => {
    const { loss, misses } = trainStep({ model, sgd, batch, learningRate: 0.001, dropoutSeed: deriveSeed(seed, i), topK: [1] });
    await loss.data();
    loss.dispose();
    misses.dispose();
    peak = Math.max(peak, tf.memory().numBytes);
  };
  try {
    for (let i = 0; i < opts.warmupSteps; i++) await step(i);
    const stepMs: number[] = [];
    for (let i = 0; i < opts.timedSteps; i++) {
      const t0 = performance.now();
      await step(opts.warmupSteps + i);
      stepMs.push(performance.now() - t0);
    }
    const inferMs: number[] = [];
    for (let i = 0; i < opts.warmupSteps + opts.timedSteps; i++) {
      const t0 = performance.now();
      const logits = tf.tidy(() => model.apply(x, { training: false }));
      await logits.data();
      logits.dispose();
      if (i >= opts.warmupSteps) inferMs.push(performance.now() - t0);
    }
    const kernels = opts.profile ? await profileStep(() => step(-1)) : [];
    const trainMs = median(stepMs);
    const inferBatchMs = median(inferMs);
    return {
      engine: engine.name,
      engineVersion: engine.version,
      device: engine.device,
      variant: opts.net.variant,
      ...(opts.net.experiment ? { experiment: opts.net.experiment } : {}),
      lrn: config.lrn !== null,
      inputSize: config.inputSize,
      batchSize,
      parameters: model.weights.reduce((n, w) => n + w.variable.size, 0),
      train: { imagesPerSecond: (1000 * batchSize) / trainMs, stepMsMedian: trainMs, stepMsFastest: Math.min(...stepMs), steps: stepMs.length },
      inference: { imagesPerSecond: (1000 * batchSize) / inferBatchMs, batchMsMedian: inferBatchMs, batches: inferMs.length },
      peakTensorBytes: peak,
      rssBytes: process.memoryUsage().rss,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      wasmHeapBytes: wasmHeapBytes(),
      kernels,
      net: layerTable(config),
    };
  } finally {
    setup.dispose();
  }
}

/** The wasm backend's heap (its Emscripten module's memory buffer), when wasm is active. */
function wasmHeapBytes(): number | null {
  if (tf.getBackend() !== 'wasm') return null;
  const module = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm;
  return module?.HEAPU8?.buffer.byteLength ?? null;
}

/** Per-kernel wall time of one step, summed by kernel name, largest first. */
async function profileStep(run: () => Promise<void>): Promise<KernelTime[]> {
  const info = await tf.profile(run);
  const byName = new Map<string, KernelTime>();
  for (const k of info.kernels) {
    const entry = byName.get(k.name) ?? { name: k.name, calls: 0, timeMs: 0 };
    entry.calls += 1;
    entry.timeMs += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(k.name, entry);
  }
  return [...byName.values()].sort((a, b) => b.timeMs - a.timeMs);
}
