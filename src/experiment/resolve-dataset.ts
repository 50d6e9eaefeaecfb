/**
 * The dataset spec with every default explicit. Each resolved dataset states its class
 * count and image size, which the model resolution needs, even where the format fixes them.
 * Paths are kept as written (relative paths are relative to the working directory, like
 * command-line arguments), so a moved data folder is a different run id.
 */
import { IMAGENET_RESIZE_PX } from '../data/imagenet-folder.js';
import { resolveClasses } from '../data/imagenet-layout.js';
import { DATASET_DEFAULTS } from './defaults.js';
import type { DatasetSpec } from './types.js';
import type { ResolvedDataset } from '../data/resolved-dataset.js';

export const FASHION_MNIST_PATH = '/usr/share/datasets/fashion-mnist';

/** Fixed by the formats: 10 classes each; 28 px grey (Fashion-MNIST), 32 px RGB (CIFAR-10). */
const FORMAT_GEOMETRY = { 'fashion-mnist': { classes: 10, imageSize: 28 }, cifar10: { classes: 10, imageSize: 32 } } as const;

export function resolveDataset(spec: DatasetSpec): ResolvedDataset {
  const pixelScale = spec.pixelScale ?? DATASET_DEFAULTS.pixelScale;
  if (spec.format === 'synthetic') {
    return {
      format: spec.format,
      classes: spec.classes ?? DATASET_DEFAULTS.classes,
      imageSize: spec.imageSize ?? DATASET_DEFAULTS.imageSize,
      trainSize: spec.trainSize ?? DATASET_DEFAULTS.trainSize,
      valSize: spec.valSize ?? DATASET_DEFAULTS.valSize,
      noise: spec.noise ?? DATASET_DEFAULTS.noise,
      dataSeed: spec.dataSeed ?? DATASET_DEFAULTS.dataSeed,
      pixelScale,
    };
  }
  if (spec.format === 'imagenet-folder') {
    const resizePx = spec.resizePx ?? IMAGENET_RESIZE_PX;
    // Without a class list the folder decides it: resolution lists train/ once and the run
    // records the list, so a later added folder cannot silently change a finished run.
    const classNames = spec.classes ? [...spec.classes] : resolveClasses(spec.path, undefined);
    return {
      format: spec.format, path: spec.path, resizePx, classNames, classes: classNames.length, imageSize: resizePx,
      valLabels: spec.valLabels ?? null, onBadFile: spec.onBadFile ?? 'fail',
      trainLimitPerClass: spec.trainLimitPerClass ?? null, valLimitPerClass: spec.valLimitPerClass ?? null, pixelScale,
    };
  }
  const path = spec.format === 'fashion-mnist' ? (spec.path ?? FASHION_MNIST_PATH) : spec.path;
  return {
    format: spec.format,
    ...FORMAT_GEOMETRY[spec.format],
    path,
    trainLimit: spec.trainLimit ?? null,
    valLimit: spec.valLimit ?? null,
    pixelScale,
  };
}
