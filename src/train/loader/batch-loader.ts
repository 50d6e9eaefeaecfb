/**
 * The training-batch loader: a pool of worker threads builds batch pixels (crop, mirror,
 * PCA lighting, mean subtraction: src/augment) ahead of the training step, through a
 * bounded prefetch queue, so the engine does not wait for data and memory stays bounded.
 *
 * Batches are identical whatever the worker count (0 builds them on the main thread): each
 * is the pure function buildBatchPixels of its job, and results are handed out in job
 * order. Decoding is not repeated here: sources decode once (sharp runs in libvips's own
 * threads) into the uint8 data set or its decoded cache, which the workers share.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { RunError } from '../../core/errors.js';
import { buildBatchPixels, type BatchJob, type LoaderSetup } from './batch-job.js';
import { sharedFloats } from './shared-split.js';

export interface LoaderOptions {
  /** Worker threads; 0 builds every batch on the main thread when it is asked for. */
  workers: number;
  /** How many batches may be built ahead of the one being trained on. */
  prefetchBatches: number;
}

/** One worker per spare core, at most 4: the training engine keeps the main thread busy. */
export function defaultLoaderOptions(): LoaderOptions {
  return { workers: Math.max(1, Math.min(4, availableParallelism() - 1)), prefetchBatches: 4 };
}

interface Pending {
  resolve: (pixels: Float32Array) => void;
  reject: (err: Error) => void;
}

interface WorkerSlot {
  worker: Worker;
  inFlight: number;
}

/**
 * The worker entry next to this module. Built code (dist/) starts it directly. Source code
 * (run through tsx or tap) starts it through tsx's loader, registered inside the worker,
 * because a loader given to the parent with --import is not applied to its workers.
 */
function newWorker(workerData: LoaderSetup): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./augment-worker.js', import.meta.url), { workerData });
  const entry = new URL('./augment-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}

export class BatchLoader {
  private readonly slots: WorkerSlot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(private readonly setup: LoaderSetup, private readonly options: LoaderOptions) {
    if (!Number.isInteger(options.workers) || options.workers < 0) throw new RangeError(`workers must be an integer >= 0, got ${options.workers}`);
    if (!Number.isInteger(options.prefetchBatches) || options.prefetchBatches < 1) throw new RangeError(`prefetchBatches must be an integer >= 1, got ${options.prefetchBatches}`);
    if (options.workers > 0) {
      if (!(setup.images.buffer instanceof SharedArrayBuffer)) throw new RangeError('worker loaders need the images in shared memory (sharedPixels)');
      const workerData: LoaderSetup = { ...setup, meanImage: sharedFloats(setup.meanImage) };
      for (let i = 0; i < options.workers; i++) this.slots.push(this.startWorker(workerData));
    }
  }

  get workerCount(): number {
    return this.slots.length;
  }

  /**
   * The pixels of each job, in job order, at most prefetchBatches + 1 built or in flight.
   * Stopping early (break) is fine: batches still in flight are dropped.
   */
  async *batches(jobs: readonly BatchJob[]): AsyncGenerator<Float32Array> {
    const ahead: Array<Promise<Float32Array>> = [];
    let requested = 0;
    const fill = (consumed: number) => {
      while (requested < jobs.length && requested - consumed <= this.options.prefetchBatches) {
        const pixels = this.request(jobs[requested]);
        // Marked handled now; the rejection still reaches the consumer when it gets there.
        pixels.catch(() => undefined);
        ahead.push(pixels);
        requested += 1;
      }
    };
    for (let i = 0; i < jobs.length; i++) {
      fill(i);
      const pixels = await ahead[i];
      delete ahead[i];
      yield pixels;
    }
  }

  /** Stops the workers. Safe to call more than once. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    this.rejectAll(new RunError('the batch loader was closed'));
  }

  private request(job: BatchJob): Promise<Float32Array> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.slots.length === 0) {
      try {
        return Promise.resolve(buildBatchPixels(this.setup, job));
      } catch (err) {
        return Promise.reject(err);
      }
    }
    const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const id = this.nextId++;
    slot.inFlight += 1;
    return new Promise<Float32Array>((resolve, reject) => {
      this.pending.set(id, {
        resolve: (pixels) => { slot.inFlight -= 1; resolve(pixels); },
        reject: (err) => { slot.inFlight -= 1; reject(err); },
      });
      slot.worker.postMessage({ id, ...job });
    });
  }

  private startWorker(workerData: LoaderSetup): WorkerSlot {
    const worker = newWorker(workerData);
    // A worker that waits for jobs must not keep the process alive on its own.
    worker.unref();
    worker.on('message', (msg: { id: number; pixels?: Float32Array; error?: string }) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.pixels) p.resolve(msg.pixels);
      else p.reject(new RunError(`batch loader worker: ${msg.error ?? 'no pixels returned'}`));
    });
    worker.on('error', (err) => this.fail(new RunError(`batch loader worker crashed: ${err.message}`)));
    return { worker, inFlight: 0 };
  }

  private fail(err: Error): void {
    this.failure = err;
    this.rejectAll(err);
  }

  private rejectAll(err: Error): void {
    const all = [...this.pending.values()];
    this.pending.clear();
    for (const p of all) p.reject(err);
  }
}
