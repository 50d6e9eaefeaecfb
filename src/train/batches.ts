/**
 * Turns dataset indices into model-ready batches. Pixels come from the augment pipeline
 * (src/augment): training batches, built by the batch loader (src/train/loader), with the
 * run's crops, reflections and lighting drawn per image from its (epoch, position) key; evaluation batches as centre crops or the
 * paper's ten patches. Mean subtraction and pixelScale happen in the same pass (paper
 * section 2: the only preprocessing is subtracting the mean image). One Float32Array per
 * batch, so the engine gets one upload per batch.
 */
import * as tf from '@tensorflow/tfjs-core';
import { centreBatch, tenCropBatch, type AugmentConfig } from '../augment/pipeline.js';
import type { ImageDataset, ImageSplit } from '../data/dataset.js';
import type { ResolvedAugment } from '../experiment/resolve.js';
import type { LoaderSetup } from './loader/batch-job.js';
import { sharedPixels } from './loader/shared-split.js';

export interface Batch {
  x: tf.Tensor4D;
  /** One-hot labels [batch, classes]. */
  y: tf.Tensor2D;
  labels: Int32Array;
  size: number;
}

export interface BatchOptions {
  dataset: ImageDataset;
  split: ImageSplit;
  indices: ArrayLike<number>;
  inputSize: number;
  /** Multiplies the mean-subtracted pixels (dataset.pixelScale; the paper: 1). */
  pixelScale: number;
}

export interface TrainingLoaderOptions {
  dataset: ImageDataset;
  inputSize: number;
  pixelScale: number;
  augment: ResolvedAugment;
  /** The run's augment stream seed. */
  augmentSeed: number;
}

function checkSize({ dataset, inputSize }: Pick<BatchOptions, 'dataset' | 'inputSize'>): void {
  if (inputSize > dataset.width || inputSize > dataset.height) {
    throw new RangeError(`input size ${inputSize} is larger than the images (${dataset.width}x${dataset.height})`);
  }
}

function labelsOf(split: ImageSplit, indices: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: indices.length }, (_, b) => split.labels[indices[b]]);
}

function toBatch(pixels: Float32Array, o: BatchOptions, images: number): Batch {
  const labels = labelsOf(o.split, o.indices);
  return {
    x: tf.tensor4d(pixels, [images, o.inputSize, o.inputSize, 3]),
    y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), o.dataset.classes), 'float32')) as tf.Tensor2D,
    labels,
    size: o.indices.length,
  };
}

function source(o: BatchOptions) {
  return { split: o.split, indices: o.indices, dims: o.dataset, meanImage: o.dataset.meanImage, pixelScale: o.pixelScale, inputSize: o.inputSize };
}

export function augmentConfig(augment: ResolvedAugment, inputSize: number): AugmentConfig {
  return { crop: augment.randomCrop ? inputSize : null, flip: augment.flip, lighting: augment.lighting };
}

/**
 * What the batch loader (src/train/loader) needs to build this run's training batches:
 * each image augmented as its (epoch, position) key's stream says. The pixels go to shared
 * memory so that loader workers read them without a copy each.
 */
export function trainingLoaderSetup(o: TrainingLoaderOptions): LoaderSetup {
  checkSize(o);
  return {
    images: sharedPixels(o.dataset.train),
    heightPx: o.dataset.height,
    widthPx: o.dataset.width,
    meanImage: o.dataset.meanImage,
    pixelScale: o.pixelScale,
    inputSize: o.inputSize,
    config: augmentConfig(o.augment, o.inputSize),
    augmentSeed: o.augmentSeed,
  };
}

/** A training batch from the pixels the loader built for these indices. */
export function batchFromPixels(pixels: Float32Array, o: BatchOptions): Batch {
  return toBatch(pixels, o, o.indices.length);
}

/** An evaluation batch of centre crops. */
export function centreCropBatch(o: BatchOptions): Batch {
  checkSize(o);
  return toBatch(centreBatch(source(o)), o, o.indices.length);
}

/** An evaluation batch of ten patches per image: x has 10 * size rows, y and labels size rows. */
export function tenPatchBatch(o: BatchOptions): Batch {
  checkSize(o);
  return toBatch(tenCropBatch(source(o)), o, o.indices.length * 10);
}

export function disposeBatch(batch: Batch): void {
  batch.x.dispose();
  batch.y.dispose();
}

/** Splits 0..count-1 (in `order`) into consecutive batches; the last may be short. */
export function batchIndices(order: ArrayLike<number>, batchSize: number): Array<ArrayLike<number>> {
  const batches: Array<ArrayLike<number>> = [];
  for (let start = 0; start < order.length; start += batchSize) {
    batches.push(Array.prototype.slice.call(order, start, Math.min(start + batchSize, order.length)) as number[]);
  }
  return batches;
}
