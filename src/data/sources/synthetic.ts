/** `"format": "synthetic"`: generated images, no files (../synthetic.ts). */
import type { PositiveInteger, Seed } from '../../core/primitives.js';
import { syntheticDataset } from '../synthetic.js';
import { PREPROCESSING_DEFAULTS, type DataSource, type Preprocessing, type ResolvedCommon } from './source.js';

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
   * Holdout images: generated like the validation images from their own stream of the data
   * seed, never trained on, evaluated as the split "holdout" (the split early stopping
   * monitors). Default: none.
   */
  holdout?: PositiveInteger;
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

export interface ResolvedSyntheticDataset extends ResolvedCommon {
  format: 'synthetic';
  trainSize: number;
  valSize: number;
  noise: number;
  dataSeed: number;
  /** Holdout images; null for none. */
  holdout: number | null;
}

export const SYNTHETIC_DEFAULTS = Object.freeze({
  classes: 10,
  imageSize: 32,
  trainSize: 2000,
  valSize: 500,
  noise: 0.5,
  dataSeed: 1,
  ...PREPROCESSING_DEFAULTS,
});

export const syntheticSource: DataSource<SyntheticDatasetSpec, ResolvedSyntheticDataset> = {
  format: 'synthetic',
  defaults: SYNTHETIC_DEFAULTS,
  holdout: true,
  resolve: (spec) => {
    const d = SYNTHETIC_DEFAULTS;
    return {
      format: spec.format,
      classes: spec.classes ?? d.classes,
      imageSize: spec.imageSize ?? d.imageSize,
      trainSize: spec.trainSize ?? d.trainSize,
      valSize: spec.valSize ?? d.valSize,
      noise: spec.noise ?? d.noise,
      dataSeed: spec.dataSeed ?? d.dataSeed,
      holdout: spec.holdout ?? null,
      pixelScale: spec.pixelScale ?? d.pixelScale,
    };
  },
  load: async (resolved) => syntheticDataset(resolved),
};
