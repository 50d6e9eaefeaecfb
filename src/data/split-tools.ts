/**
 * Steps shared by the file sources: label range checks, "first N" limits and the holdout
 * taken from the training file.
 */
import { InputError } from '../core/errors.js';
import type { ImageSplit } from './dataset.js';
import { dataMessages as m } from './messages.js';

/** Fails on the first label outside 0..classes-1, naming the file and record. */
export function checkLabels(labels: ArrayLike<number>, classes: number, file: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= classes) throw new InputError(m.labelOutOfRange(file, i, labels[i], classes));
  }
}

/** Validates an optional limit option and returns how many records to keep. */
export function resolveLimit(option: string, limit: number | undefined, available: number, where: string): number {
  if (limit === undefined) return available;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError(m.badLimit(option, limit));
  if (limit > available) throw new InputError(m.limitTooLarge(option, limit, available, where));
  return limit;
}

/**
 * The first `count` records. Taking a prefix (not a random sample) keeps a limited set
 * deterministic without a seed; the published files are already in shuffled order.
 */
export function takeFirst(split: ImageSplit, count: number, bytesPerImage: number): ImageSplit {
  if (count === split.count) return split;
  return {
    images: split.images.slice(0, count * bytesPerImage),
    labels: split.labels.slice(0, count),
    count,
  };
}

/** How many records of the training file are trained on and how many after them are held out. */
export interface TrainHoldoutCounts {
  train: number;
  holdout: number;
}

/**
 * The training images and the holdout in the training file: the first `trainLimit` images
 * and the `holdout` right after them, or, without a limit, the last `holdout` images and
 * every one before them. Both are prefixes of the file's order, so no seed is needed.
 */
export function trainHoldoutCounts(o: { trainLimit?: number; holdout?: number; available: number; where: string }): TrainHoldoutCounts {
  if (o.holdout === undefined) return { train: resolveLimit('trainLimit', o.trainLimit, o.available, o.where), holdout: 0 };
  if (!Number.isInteger(o.holdout) || o.holdout < 1) throw new InputError(m.badLimit('holdout', o.holdout));
  if (o.trainLimit === undefined) {
    if (o.holdout >= o.available) throw new InputError(m.holdoutTooLarge(o.holdout, o.available, o.where, null));
    return { train: o.available - o.holdout, holdout: o.holdout };
  }
  const train = resolveLimit('trainLimit', o.trainLimit, o.available, o.where);
  if (train + o.holdout > o.available) throw new InputError(m.holdoutTooLarge(o.holdout, o.available, o.where, train));
  return { train, holdout: o.holdout };
}

/** Records [start, start + count) of a split. */
export function takeRange(split: ImageSplit, start: number, count: number, bytesPerImage: number): ImageSplit {
  if (start === 0 && count === split.count) return split;
  return {
    images: split.images.slice(start * bytesPerImage, (start + count) * bytesPerImage),
    labels: split.labels.slice(start, start + count),
    count,
  };
}

/**
 * "train:all,val:first 100": the part of the files used, for the fingerprint. A holdout
 * adds ",holdout:next N" (the N training records after those trained on); without one the
 * text, and so every earlier fingerprint, is unchanged.
 */
export function describeSelection(trainCount: number, trainTotal: number, valCount: number, valTotal: number, holdout = 0): string {
  const part = (n: number, total: number) => (n === total ? 'all' : `first ${n}`);
  const held = holdout > 0 ? `,holdout:next ${holdout}` : '';
  return `train:${part(trainCount, trainTotal)},val:${part(valCount, valTotal)}${held}`;
}
