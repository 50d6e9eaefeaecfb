/**
 * The data layer's entry: data sources by `dataset.format` (sources/index.ts lists them).
 * Each returns an ImageDataset with the fingerprint of exactly what it read or generated.
 */
export type { ImageDataset, ImageSplit } from './dataset.js';
export type { LoadOptions } from './sources/source.js';
export { DATA_SOURCES, DATASET_FORMATS, HOLDOUT_FORMATS, loadDataset, resolveDataset, type DatasetFormat, type DatasetSpec, type ResolvedDataset } from './sources/index.js';
