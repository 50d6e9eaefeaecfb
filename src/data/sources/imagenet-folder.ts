/** `"format": "imagenet-folder"`: ILSVRC-style image folders, decoded with sharp (../imagenet-folder.ts). */
import type { PositiveInteger } from '../../core/primitives.js';
import { IMAGENET_RESIZE_PX, loadImagenetFolder, type OnBadFile } from '../imagenet-folder.js';
import { resolveClasses } from '../imagenet-layout.js';
import { PREPROCESSING_DEFAULTS, type DataSource, type Preprocessing, type ResolvedCommon } from './source.js';

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

export interface ResolvedImagenetDataset extends ResolvedCommon {
  format: 'imagenet-folder';
  path: string;
  resizePx: number;
  /** The wnids in class-index order. */
  classNames: string[];
  valLabels: string | null;
  onBadFile: OnBadFile;
  trainLimitPerClass: number | null;
  valLimitPerClass: number | null;
}

const DEFAULTS = Object.freeze({ resizePx: IMAGENET_RESIZE_PX, onBadFile: 'fail' as const, ...PREPROCESSING_DEFAULTS });

export const imagenetFolderSource: DataSource<ImagenetFolderDatasetSpec, ResolvedImagenetDataset> = {
  format: 'imagenet-folder',
  defaults: DEFAULTS,
  // Class folders hold no natural "images after the first N"; a holdout is not offered (validation says so).
  holdout: false,
  resolve: (spec) => {
    const resizePx = spec.resizePx ?? DEFAULTS.resizePx;
    // Without a class list the folder decides it: resolution lists train/ once and the run
    // records the list, so a later added folder cannot silently change a finished run.
    const classNames = spec.classes ? [...spec.classes] : resolveClasses(spec.path, undefined);
    return {
      format: spec.format, path: spec.path, resizePx, classNames, classes: classNames.length, imageSize: resizePx,
      valLabels: spec.valLabels ?? null, onBadFile: spec.onBadFile ?? DEFAULTS.onBadFile,
      trainLimitPerClass: spec.trainLimitPerClass ?? null, valLimitPerClass: spec.valLimitPerClass ?? null,
      pixelScale: spec.pixelScale ?? DEFAULTS.pixelScale,
    };
  },
  load: async (r, opts) => {
    const { dataset, skipped } = await loadImagenetFolder({
      path: r.path, resizePx: r.resizePx, classes: r.classNames, valLabels: r.valLabels ?? undefined, onBadFile: r.onBadFile,
      cacheDir: opts.cacheDir, onProgress: opts.onProgress,
      trainLimitPerClass: r.trainLimitPerClass ?? undefined, valLimitPerClass: r.valLimitPerClass ?? undefined,
    });
    return { ...dataset, skippedFiles: skipped };
  },
};
