/**
 * Turns dataset indices into model-ready batches: uint8 HWC images, centre-cropped to the
 * model's input size, minus the training set's per-pixel mean image, in the paper's 0..255
 * scale (section 2: the only preprocessing is mean subtraction; the N(0, 0.01) init of
 * section 5 assumes that scale). Built on the host into one Float32Array per batch, so the
 * engine gets one upload per batch and no per-image ops.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ImageDataset, ImageSplit } from '../../data/dataset.js';

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

export function makeBatch({ dataset, split, indices, inputSize, pixelScale }: BatchOptions): Batch {
  const { width, height } = dataset;
  if (inputSize > width || inputSize > height) {
    throw new RangeError(`input size ${inputSize} is larger than the images (${width}x${height})`);
  }
  const top = Math.floor((height - inputSize) / 2);
  const left = Math.floor((width - inputSize) / 2);
  const size = indices.length;
  const rowOut = inputSize * 3;
  const out = new Float32Array(size * inputSize * rowOut);
  const labels = new Int32Array(size);
  const mean = dataset.meanImage;
  const imageBytes = width * height * 3;
  for (let b = 0; b < size; b++) {
    const index = indices[b];
    labels[b] = split.labels[index];
    const src = index * imageBytes;
    for (let y = 0; y < inputSize; y++) {
      const rowIn = ((top + y) * width + left) * 3;
      const o = (b * inputSize + y) * rowOut;
      for (let i = 0; i < rowOut; i++) out[o + i] = (split.images[src + rowIn + i] - mean[rowIn + i]) * pixelScale;
    }
  }
  return {
    x: tf.tensor4d(out, [size, inputSize, inputSize, 3]),
    y: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), dataset.classes), 'float32')) as tf.Tensor2D,
    labels,
    size,
  };
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
