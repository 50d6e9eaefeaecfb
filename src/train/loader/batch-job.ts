/**
 * One training batch's pixels as a pure function of (data, augmentation settings, seed,
 * epoch, first position, indices). The main thread and every worker call this same
 * function, which is why batches are identical whatever the worker count.
 */
import { augmentBatch, epochKeys, type AugmentConfig } from '../../augment/pipeline.js';

/** What a worker needs once, before any batch: the data and the run's settings. */
export interface LoaderSetup {
  /** Training images, uint8 HWC, in shared memory for workers. */
  images: Uint8Array;
  heightPx: number;
  widthPx: number;
  meanImage: Float32Array;
  pixelScale: number;
  inputSize: number;
  config: AugmentConfig;
  /** The run's augment stream seed. */
  augmentSeed: number;
}

/** One batch to build. */
export interface BatchJob {
  epoch: number;
  /** Position of the batch's first image in the epoch's order. */
  firstPosition: number;
  /** Indices into the training split. */
  indices: Int32Array;
}

export function buildBatchPixels(setup: LoaderSetup, job: BatchJob): Float32Array {
  return augmentBatch({
    split: { images: setup.images, labels: new Int32Array(0), count: 0 },
    indices: job.indices,
    dims: { height: setup.heightPx, width: setup.widthPx },
    meanImage: setup.meanImage,
    pixelScale: setup.pixelScale,
    inputSize: setup.inputSize,
    config: setup.config,
    seed: setup.augmentSeed,
    keys: epochKeys(job.epoch, job.firstPosition, job.indices.length),
  });
}
