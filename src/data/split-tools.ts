/**
 * Steps shared by the file sources: label range checks and "first N" limits.
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

/** "train:all,val:first 100": the part of the files used, for the fingerprint. */
export function describeSelection(trainCount: number, trainTotal: number, valCount: number, valTotal: number): string {
  const part = (n: number, total: number) => (n === total ? 'all' : `first ${n}`);
  return `train:${part(trainCount, trainTotal)},val:${part(valCount, valTotal)}`;
}
