/**
 * A data set spec with every default explicit: what a data source loads and what a run id
 * hashes. Each states its class count and image size, which the model resolution needs,
 * even where the format fixes them. The experiment layer fills these in
 * (src/experiment/resolve-dataset.ts).
 */

export interface ResolvedCommon {
  classes: number;
  /** Side of the square images the source delivers, in pixels. */
  imageSize: number;
  pixelScale: number;
}

export interface ResolvedSyntheticDataset extends ResolvedCommon {
  format: 'synthetic';
  trainSize: number;
  valSize: number;
  noise: number;
  dataSeed: number;
}

export interface ResolvedFileDataset extends ResolvedCommon {
  format: 'fashion-mnist' | 'cifar10';
  path: string;
  /** First N images only; null for all. */
  trainLimit: number | null;
  valLimit: number | null;
}

export interface ResolvedImagenetDataset extends ResolvedCommon {
  format: 'imagenet-folder';
  path: string;
  resizePx: number;
  /** The wnids in class-index order. */
  classNames: string[];
  valLabels: string | null;
  onBadFile: 'fail' | 'skip';
  trainLimitPerClass: number | null;
  valLimitPerClass: number | null;
}

export type ResolvedDataset = ResolvedSyntheticDataset | ResolvedFileDataset | ResolvedImagenetDataset;
