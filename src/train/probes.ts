/**
 * Measurements of a trained net beyond its error rates, taken once after the last epoch on
 * a fixed validation batch (the first images in index order, centre crop), so that they
 * depend on no random stream and every run of an experiment is measured on the same images.
 */
import type { ImageDataset } from '../data/dataset.js';
import type { AlexNet } from '../models/alexnet.js';
import { lrnActivity, type LrnActivity } from '../models/lrn-activity.js';
import { centreCropBatch, disposeBatch } from './batches.js';

/** Images of the fixed validation batch: enough for stable means, small enough for any engine. */
const PROBE_IMAGES = 256;

export interface ProbeInput {
  dataset: ImageDataset;
  inputSize: number;
  pixelScale: number;
}

/** LRN activity of the trained net per LRN layer (src/models/lrn-activity.ts); null without LRN. */
export async function finalLrnActivity(model: AlexNet, input: ProbeInput): Promise<Record<string, LrnActivity> | null> {
  if (model.config.lrn === null || input.dataset.val.count === 0) return null;
  const count = Math.min(PROBE_IMAGES, input.dataset.val.count);
  const indices = Array.from({ length: count }, (_, i) => i);
  const batch = centreCropBatch({ dataset: input.dataset, split: input.dataset.val, indices, inputSize: input.inputSize, pixelScale: input.pixelScale });
  try {
    return await lrnActivity(model, batch.x);
  } finally {
    disposeBatch(batch);
  }
}
