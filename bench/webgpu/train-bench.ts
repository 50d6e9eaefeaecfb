/**
 * Train-step and inference throughput of the issue's AlexNet (owt: 64-192-384-256-256, LRN
 * after conv1 and conv2, fc 4096-4096-1000) on the current backend, timed like `bench perf`
 * (src/train/perf.ts): seeded random data, warm-up excluded, each step ends with a
 * read of the loss. Kept separate from perf.ts because that module goes through the engine
 * drivers, which load their packages dynamically (impossible inside an esbuild bundle).
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../../src/models/alexnet.js';
import { variantConfig } from '../../src/models/variants.js';
import type { AlexNetConfig } from '../../src/models/config.js';
import { deriveSeed } from '../../src/core/rng.js';
import { createSgd } from '../../src/train/sgd.js';
import { trainStep } from '../../src/train/train-step.js';

export interface ThroughputResult {
  inputSize: number; batchSize: number; trainImagesPerSecond: number; trainStepMs: number; inferImagesPerSecond: number; inferBatchMs: number;
  /** Largest tf.memory().numBytes seen right after a train step (live tensors, all backends). */
  peakTensorBytes: number;
  /** Largest GPU buffer total the webgpu backend held (numBytesInGPUAllocated: live + pooled), sampled after each step; 0 elsewhere. */
  peakGpuAllocatedBytes: number;
  /** The process's peak resident set size so far (host memory), from process.resourceUsage().maxRSS. */
  peakRssBytes: number;
}
export interface KernelProfile { name: string; calls: number; timeMs: number }

export function issueConfig(inputSize: number): AlexNetConfig {
  return variantConfig('owt', { inputSize, classes: 1000, normalization: 'lrn' });
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function measureThroughput(opts: { inputSize: number; batchSize: number; warmup: number; steps: number; profile: boolean }): Promise<{ result: ThroughputResult; profile: KernelProfile[] }> {
  const config = issueConfig(opts.inputSize);
  const model = buildAlexNet(config, { initSeed: deriveSeed(1, 'perf', 'init') });
  const sgd = createSgd({ weights: model.weights, momentum: 0.9, weightDecay: 0.0005 });
  const seed = deriveSeed(1, 'perf', 'data');
  const x = tf.tidy(() => tf.mul(tf.randomNormal([opts.batchSize, opts.inputSize, opts.inputSize, 3], 0, 1, 'float32', seed), 50)) as tf.Tensor4D;
  const labels = Int32Array.from({ length: opts.batchSize }, (_, i) => i % config.classes);
  const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), config.classes), 'float32')) as tf.Tensor2D;
  const batch = { x, y, labels, size: opts.batchSize };
  const step = async (i: number) => {
    const { loss, misses } = trainStep({ model, sgd, batch, learningRate: 0.001, dropoutSeed: deriveSeed(seed, i + 1), topK: [1] });
    await loss.data();
    sampleMemory();
    tf.dispose([loss, misses]);
  };
  let peakTensorBytes = 0;
  let peakGpuAllocatedBytes = 0;
  const sampleMemory = () => {
    const m = tf.memory() as tf.MemoryInfo & { numBytesInGPUAllocated?: number };
    peakTensorBytes = Math.max(peakTensorBytes, m.numBytes);
    peakGpuAllocatedBytes = Math.max(peakGpuAllocatedBytes, m.numBytesInGPUAllocated ?? 0);
  };
  try {
    const stepMs: number[] = [];
    for (let i = 0; i < opts.warmup + opts.steps; i++) {
      const t0 = performance.now();
      await step(i);
      if (i >= opts.warmup) stepMs.push(performance.now() - t0);
    }
    const inferMs: number[] = [];
    for (let i = 0; i < opts.warmup + opts.steps; i++) {
      const t0 = performance.now();
      const logits = tf.tidy(() => model.apply(x, { training: false }));
      await logits.data();
      logits.dispose();
      if (i >= opts.warmup) inferMs.push(performance.now() - t0);
    }
    const profile = opts.profile ? await profileStep(() => step(10_000)) : [];
    const trainStepMs = median(stepMs);
    const inferBatchMs = median(inferMs);
    return {
      result: { inputSize: opts.inputSize, batchSize: opts.batchSize, trainStepMs, trainImagesPerSecond: (1000 * opts.batchSize) / trainStepMs, inferBatchMs, inferImagesPerSecond: (1000 * opts.batchSize) / inferBatchMs,
        peakTensorBytes, peakGpuAllocatedBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 },
      profile,
    };
  } finally {
    tf.dispose([x, y]);
    sgd.dispose();
    model.dispose();
  }
}

/** Per-kernel GPU time of one step (tfjs profile; 0 where the adapter lacks timestamp queries). */
async function profileStep(run: () => Promise<void>): Promise<KernelProfile[]> {
  const info = await tf.profile(run);
  const byName = new Map<string, KernelProfile>();
  for (const k of info.kernels) {
    const e = byName.get(k.name) ?? { name: k.name, calls: 0, timeMs: 0 };
    e.calls += 1;
    e.timeMs += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
    byName.set(k.name, e);
  }
  return [...byName.values()].sort((a, b) => b.timeMs - a.timeMs);
}
