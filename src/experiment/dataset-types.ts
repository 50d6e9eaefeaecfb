/**
 * The data set part of an experiment (`dataset`), one spec per `format`. Part of the
 * experiment types (types.ts re-exports these): the schema is generated from both.
 */
import type { PositiveInteger, Seed } from '../core/primitives.js';

/** Preprocessing every source shares (paper section 2: mean subtraction only). */
export interface Preprocessing {
  /**
   * Multiplies the mean-subtracted pixels (0..255 scale) before they reach the net. The
   * paper feeds that scale unchanged (1), which its N(0, 0.01) init assumes; narrow
   * small-scale nets train better near unit scale (e.g. 0.02).
   * @exclusiveMinimum 0
   * @default 1
   */
  pixelScale?: number;
}

/** A seeded synthetic colour image set with class-dependent structure (src/data/synthetic.ts). */
export interface SyntheticDatasetSpec extends Preprocessing {
  format: 'synthetic';
  /**
   * @asType integer
   * @minimum 2
   * @default 10
   */
  classes?: number;
  /**
   * Square image size in pixels.
   * @asType integer
   * @minimum 8
   * @default 32
   */
  imageSize?: number;
  /**
   * Training images.
   * @asType integer
   * @minimum 1
   * @default 2000
   */
  trainSize?: number;
  /**
   * Validation images.
   * @asType integer
   * @minimum 1
   * @default 500
   */
  valSize?: number;
  /**
   * Standard deviation of per-pixel noise, relative to the signal (0: clean).
   * @minimum 0
   * @default 0.5
   */
  noise?: number;
  /**
   * Seed of the data set itself (not of the run): the same for every run so that all
   * variants and seeds see the same images.
   * @default 1
   */
  dataSeed?: Seed;
}

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
}

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
}

/**
 * The standard ILSVRC folder layout: train/<wnid>/*.JPEG and either val/<wnid>/* or a flat
 * val/ with a labels file; any subset of classes (Imagenette-style). Decoded with sharp,
 * shorter side resized to resizePx and centre-cropped (paper section 2).
 */
export interface ImagenetFolderDatasetSpec extends Preprocessing {
  format: 'imagenet-folder';
  /** Folder holding train/ and val/. */
  path: string;
  /**
   * Side of the square images after resizing the shorter side and centre-cropping.
   * @asType integer
   * @minimum 8
   * @default 256
   */
  resizePx?: number;
  /**
   * The wnids to use, in class-index order. Default: every train/ folder, sorted by name
   * (resolved, and saved with the run, from the folder itself).
   * @minItems 2
   */
  classes?: string[];
  /** For a flat val/: a text file of "<filename> <wnid>" lines. */
  valLabels?: string;
  /**
   * A corrupt or unreadable image stops the run ("fail"), or is skipped and counted in the
   * run's summary ("skip").
   * @default "fail"
   */
  onBadFile?: 'fail' | 'skip';
  /** Use only the first N training files of each class (by name). */
  trainLimitPerClass?: PositiveInteger;
  /** Use only the first N validation files of each class (by name). */
  valLimitPerClass?: PositiveInteger;
}

export type DatasetSpec = SyntheticDatasetSpec | FashionMnistDatasetSpec | Cifar10DatasetSpec | ImagenetFolderDatasetSpec;
