/** `"format": "cifar10"`: the binary batches of CIFAR-10 (../cifar10.ts). */
import type { PositiveInteger } from '../../core/primitives.js';
import { CIFAR10_GEOMETRY, loadCifar10 } from '../cifar10.js';
import { PREPROCESSING_DEFAULTS, type DataSource, type Preprocessing, type ResolvedCommon } from './source.js';

/**
 * CIFAR-10 binary batches (data_batch_1..5.bin, test_batch.bin): 50 000 training and
 * 10 000 test images, 32x32 RGB, 10 classes. The paper's own small-scale experiments.
 */
export interface Cifar10DatasetSpec extends Preprocessing {
  format: 'cifar10';
  /** The cifar-10-batches-bin folder. */
  path: string;
  /** Use only the first N training images (deterministic; default: all). */
  trainLimit?: PositiveInteger;
  /** Use only the first N test images (default: all). */
  valLimit?: PositiveInteger;
  /**
   * Hold out N training images: never trained on, evaluated as the split "holdout" (the split
   * early stopping monitors). They are the N images right after the first trainLimit, or,
   * without trainLimit, the last N, with every image before them trained on.
   */
  holdout?: PositiveInteger;
}

export interface ResolvedCifar10Dataset extends ResolvedCommon {
  format: 'cifar10';
  path: string;
  /** First N images only; null for all. */
  trainLimit: number | null;
  valLimit: number | null;
  /** Training images held out after those trained on; null for none. */
  holdout: number | null;
}

export const cifar10Source: DataSource<Cifar10DatasetSpec, ResolvedCifar10Dataset> = {
  format: 'cifar10',
  defaults: PREPROCESSING_DEFAULTS,
  holdout: true,
  geometry: CIFAR10_GEOMETRY,
  resolve: (spec) => ({
    format: spec.format,
    ...CIFAR10_GEOMETRY,
    path: spec.path,
    trainLimit: spec.trainLimit ?? null,
    valLimit: spec.valLimit ?? null,
    holdout: spec.holdout ?? null,
    pixelScale: spec.pixelScale ?? PREPROCESSING_DEFAULTS.pixelScale,
  }),
  load: async (r, opts) =>
    loadCifar10({ path: r.path, trainLimit: r.trainLimit ?? undefined, valLimit: r.valLimit ?? undefined, holdout: r.holdout ?? undefined, cacheDir: opts.cacheDir }),
};
