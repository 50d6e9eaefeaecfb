/** `"format": "fashion-mnist"`: the IDX files of Fashion-MNIST (../fashion-mnist.ts). */
import type { PositiveInteger } from '../../core/primitives.js';
import { FASHION_MNIST_DEFAULT_PATH, FASHION_MNIST_GEOMETRY, loadFashionMnist } from '../fashion-mnist.js';
import { PREPROCESSING_DEFAULTS, type DataSource, type Preprocessing, type ResolvedCommon } from './source.js';

/**
 * Fashion-MNIST in IDX format, gzip or not (train-images-idx3-ubyte.gz, ...): 60 000
 * training and 10 000 test images of 28x28 grey, expanded to RGB. The test set is the
 * validation split. Debian's dataset-fashion-mnist package installs it at the default path.
 */
export interface FashionMnistDatasetSpec extends Preprocessing {
  format: 'fashion-mnist';
  /**
   * Folder holding the four IDX files.
   * @default "/usr/share/datasets/fashion-mnist"
   */
  path?: string;
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

export interface ResolvedFashionMnistDataset extends ResolvedCommon {
  format: 'fashion-mnist';
  path: string;
  /** First N images only; null for all. */
  trainLimit: number | null;
  valLimit: number | null;
  /** Training images held out after those trained on; null for none. */
  holdout: number | null;
}

export const fashionMnistSource: DataSource<FashionMnistDatasetSpec, ResolvedFashionMnistDataset> = {
  format: 'fashion-mnist',
  defaults: Object.freeze({ path: FASHION_MNIST_DEFAULT_PATH, ...PREPROCESSING_DEFAULTS }),
  holdout: true,
  geometry: FASHION_MNIST_GEOMETRY,
  resolve: (spec) => ({
    format: spec.format,
    ...FASHION_MNIST_GEOMETRY,
    path: spec.path ?? FASHION_MNIST_DEFAULT_PATH,
    trainLimit: spec.trainLimit ?? null,
    valLimit: spec.valLimit ?? null,
    holdout: spec.holdout ?? null,
    pixelScale: spec.pixelScale ?? PREPROCESSING_DEFAULTS.pixelScale,
  }),
  load: async (r, opts) =>
    loadFashionMnist({ path: r.path, trainLimit: r.trainLimit ?? undefined, valLimit: r.valLimit ?? undefined, holdout: r.holdout ?? undefined, cacheDir: opts.cacheDir }),
};
