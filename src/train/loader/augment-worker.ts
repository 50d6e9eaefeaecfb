/**
 * Worker-thread entry of the batch loader: receives the shared data once, then builds the
 * pixels of each batch it is asked for and hands the buffer back without copying it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { buildBatchPixels, type BatchJob, type LoaderSetup } from './batch-job.js';

interface JobMessage extends BatchJob {
  id: number;
}

const setup = workerData as LoaderSetup;
const port = parentPort;
if (!port) throw new Error('augment-worker.ts runs only as a worker thread');

port.on('message', (job: JobMessage) => {
  try {
    const pixels = buildBatchPixels(setup, job);
    // augmentBatch allocates a plain ArrayBuffer, so it can be transferred, not copied.
    port.postMessage({ id: job.id, pixels }, [pixels.buffer as ArrayBuffer]);
  } catch (err) {
    port.postMessage({ id: job.id, error: (err as Error).message });
  }
});
