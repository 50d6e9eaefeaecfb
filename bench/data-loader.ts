/**
 * The training-batch loader against what the engine consumes, at the same image size.
 *
 *   node --import tsx bench/data-loader.ts [images=512 batch=128 inputSize=224 sourcePx=256 engine=wasm perfBatch=16 maxWorkers=cores]
 *
 * engine=none skips the training step (for machines where only the loader is measured).
 *
 * Builds a data set of `images` random 256x256 uint8 images (the decoded-cache form every
 * source produces; decoding itself is timed by bench:data), then times the loader building
 * the paper's training batches (random 224 crop, mirror, PCA lighting, mean subtraction)
 * with 0 (main thread), 1, 2, ... workers, and finally one training step of the
 * 64-192-384-256-256 net on the engine (bench perf's measurement) for the consumption.
 */
import { availableParallelism } from 'node:os';
import { imagenetLighting } from '../src/augment/pca-lighting.js';
import { BatchLoader } from '../src/train/loader/batch-loader.js';
import type { BatchJob, LoaderSetup } from '../src/train/loader/batch-job.js';
import { sharedPixels } from '../src/train/loader/shared-split.js';
import { createStream, permutation } from '../src/core/rng.js';
import { measurePerf, perfConfig } from '../src/train/perf.js';
import { parseEngine } from '../src/cli/commands/engine-option.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')));
const num = (key: string, fallback: number) => (args[key] === undefined ? fallback : Number(args[key]));
const images = num('images', 512);
const batchSize = num('batch', 128);
const inputSize = num('inputSize', 224);
const sourcePx = num('sourcePx', 256);
const perfBatch = num('perfBatch', 16);
const engineArg = args.engine ?? 'wasm';
const maxWorkers = num('maxWorkers', availableParallelism());

function setup(): LoaderSetup {
  const bytes = new Uint8Array(images * sourcePx * sourcePx * 3);
  const stream = createStream(4242);
  for (let i = 0; i < bytes.length; i++) bytes[i] = stream.int(256);
  return {
    images: sharedPixels({ images: bytes, labels: new Int32Array(images), count: images }),
    heightPx: sourcePx, widthPx: sourcePx, meanImage: new Float32Array(sourcePx * sourcePx * 3).fill(118),
    pixelScale: 1, inputSize, config: { crop: inputSize, flip: true, lighting: imagenetLighting(0.1) }, augmentSeed: 777,
  };
}

function jobs(epochs: number): BatchJob[] {
  const out: BatchJob[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const order = permutation(images, createStream(1000 + epoch));
    for (let start = 0; start + batchSize <= images; start += batchSize) {
      out.push({ epoch, firstPosition: start, indices: Int32Array.from(order.slice(start, start + batchSize)) });
    }
  }
  return out;
}

async function loaderRate(s: LoaderSetup, workers: number): Promise<number> {
  const loader = new BatchLoader(s, { workers, prefetchBatches: 2 * Math.max(1, workers) });
  // One untimed batch: workers start and load their modules first.
  for await (const _ of loader.batches(jobs(1).slice(0, Math.max(1, workers)))) void _;
  const all = jobs(2);
  const t0 = performance.now();
  for await (const _ of loader.batches(all)) void _;
  const seconds = (performance.now() - t0) / 1000;
  await loader.close();
  return (all.length * batchSize) / seconds;
}

const s = setup();
console.log(`loader: ${images} images ${sourcePx}x${sourcePx} -> ${inputSize} crops, flip, PCA lighting; batch ${batchSize}; ${availableParallelism()} cores`);
const rates: Array<[number, number]> = [];
const workerCounts = [0, ...[1, 2, 4, 8, 16, 32].filter((w) => w <= Math.max(2, maxWorkers))];
for (const workers of workerCounts) {
  const rate = await loaderRate(s, workers);
  rates.push([workers, rate]);
  console.log(`  ${String(workers).padStart(2)} workers ${rate.toFixed(0).padStart(7)} img/s${workers > 0 ? `  (${(rate / workers).toFixed(0)} per worker)` : ' (main thread)'}`);
}
if (engineArg === 'none') process.exit(0);
const net = { variant: 'owt' as const, config: perfConfig({ variant: 'owt', inputSize, classes: 1000, lrn: true }), batchSize: perfBatch };
const perf = await measurePerf({ engine: parseEngine(engineArg), net, warmupSteps: 1, timedSteps: 2, profile: false });
const consumption = perf.train.imagesPerSecond;
const best = Math.max(...rates.filter(([w]) => w > 0).map(([, r]) => r));
console.log(`engine ${perf.engine} trains ${consumption.toFixed(2)} img/s (owt + LRN, ${inputSize} px, batch ${perfBatch})`);
console.log(`loader / consumption: ${(best / consumption).toFixed(0)}x (best worker count), ${(rates[0][1] / consumption).toFixed(0)}x on the main thread`);
