import t from 'tap';
import { augmentBatch, epochKeys } from '../../../src/augment/pipeline.js';
import { BatchLoader } from '../../../src/train/loader/batch-loader.js';
import type { BatchJob, LoaderSetup } from '../../../src/train/loader/batch-job.js';
import { sharedPixels } from '../../../src/train/loader/shared-split.js';
import { imagenetLighting } from '../../../src/augment/pca-lighting.js';
import { createStream, permutation } from '../../../src/core/rng.js';

const heightPx = 20;
const widthPx = 24;
const count = 50;

function setup(overrides: Partial<LoaderSetup> = {}): LoaderSetup {
  const images = new Uint8Array(count * heightPx * widthPx * 3);
  const stream = createStream(7);
  for (let i = 0; i < images.length; i++) images[i] = Math.floor(stream.next() * 256);
  const meanImage = new Float32Array(heightPx * widthPx * 3).fill(100.5);
  return {
    images: sharedPixels({ images, labels: new Int32Array(count), count }),
    heightPx, widthPx, meanImage, pixelScale: 0.02, inputSize: 16,
    config: { crop: 16, flip: true, lighting: imagenetLighting(0.1) },
    augmentSeed: 12345,
    ...overrides,
  };
}

function epochJobs(epoch: number, batchSize: number): BatchJob[] {
  const order = permutation(count, createStream(99 + epoch));
  const jobs: BatchJob[] = [];
  for (let start = 0; start < count; start += batchSize) {
    jobs.push({ epoch, firstPosition: start, indices: Int32Array.from(order.slice(start, start + batchSize)) });
  }
  return jobs;
}

async function collect(loader: BatchLoader, jobs: BatchJob[]): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for await (const pixels of loader.batches(jobs)) out.push(pixels);
  return out;
}

t.test('batches are identical with 0, 1 and 3 workers, and equal the augment pipeline', async (t) => {
  const s = setup();
  const jobs = [...epochJobs(1, 8), ...epochJobs(2, 8)];
  const expected = jobs.map((job) => augmentBatch({
    split: { images: s.images, labels: new Int32Array(count), count }, indices: job.indices,
    dims: { height: heightPx, width: widthPx }, meanImage: s.meanImage, pixelScale: s.pixelScale, inputSize: s.inputSize,
    config: s.config, seed: s.augmentSeed, keys: epochKeys(job.epoch, job.firstPosition, job.indices.length),
  }));
  for (const workers of [0, 1, 3]) {
    const loader = new BatchLoader(s, { workers, prefetchBatches: 2 });
    t.equal(loader.workerCount, workers);
    const got = await collect(loader, jobs);
    await loader.close();
    t.equal(got.length, jobs.length, `${workers} workers: every batch`);
    // Exact equality: the same function on the same bytes, whichever thread runs it.
    t.ok(got.every((pixels, i) => Buffer.compare(Buffer.from(pixels.buffer), Buffer.from(expected[i].buffer)) === 0), `${workers} workers: bit-identical pixels in job order`);
  }
});

t.test('the prefetch queue is bounded', async (t) => {
  const loader = new BatchLoader(setup(), { workers: 1, prefetchBatches: 2 });
  const jobs = epochJobs(1, 5);
  let requested = 0;
  // Counts how far the loader has read into the job list while the consumer is slow.
  const counted = new Proxy(jobs, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) requested = Math.max(requested, Number(key) + 1);
      return Reflect.get(target, key, receiver);
    },
  });
  let consumed = 0;
  for await (const _ of loader.batches(counted)) {
    consumed += 1;
    await new Promise((r) => setTimeout(r, 20));
    // The batch in use plus prefetchBatches ahead, never more.
    t.ok(requested - consumed <= 2 + 1, `after ${consumed} batches, ${requested} requested`);
  }
  t.equal(consumed, jobs.length);
  await loader.close();
});

t.test('a worker error reaches the consumer as a run error; stopping early is clean', async (t) => {
  // A crop size other than the input size is refused by the pipeline inside the worker.
  const loader = new BatchLoader(setup({ config: { crop: 12, flip: false, lighting: null } }), { workers: 1, prefetchBatches: 3 });
  await t.rejects(collect(loader, epochJobs(1, 10)), { name: 'RunError', message: /batch loader worker: crop 12 must equal the input size 16/ });
  await loader.close();
  const ok = new BatchLoader(setup(), { workers: 2, prefetchBatches: 4 });
  for await (const _ of ok.batches(epochJobs(1, 5))) break;
  await ok.close();
  await ok.close();
  t.pass('break and double close');
});

t.test('bad loader options are refused', async (t) => {
  t.throws(() => new BatchLoader(setup(), { workers: -1, prefetchBatches: 1 }), /workers must be an integer >= 0/);
  t.throws(() => new BatchLoader(setup(), { workers: 0, prefetchBatches: 0 }), /prefetchBatches must be an integer >= 1/);
  const plain = { ...setup(), images: new Uint8Array(count * heightPx * widthPx * 3) };
  t.throws(() => new BatchLoader(plain, { workers: 1, prefetchBatches: 1 }), /shared memory/);
});
