/**
 * Data sources by `dataset.format`. Each returns an ImageDataset with the fingerprint of
 * exactly what it read or generated.
 */
import type { ResolvedDataset } from './resolved-dataset.js';
import { loadCifar10 } from './cifar10.js';
import type { ImageDataset } from './dataset.js';
import { loadFashionMnist } from './fashion-mnist.js';
import { loadImagenetFolder } from './imagenet-folder.js';
import { syntheticDataset } from './synthetic.js';

export type { ImageDataset, ImageSplit } from './dataset.js';

export interface LoadOptions {
  /** Cache folder: decoded images (imagenet-folder) and mean images (fashion-mnist, cifar10); absent: no cache. */
  cacheDir?: string;
  /** Decoding progress (imagenet-folder). */
  onProgress?: (done: number, total: number) => void;
}

export async function loadDataset(spec: ResolvedDataset, opts: LoadOptions = {}): Promise<ImageDataset> {
  switch (spec.format) {
    case 'synthetic':
      return syntheticDataset(spec);
    case 'fashion-mnist':
      return loadFashionMnist({ path: spec.path, trainLimit: spec.trainLimit ?? undefined, valLimit: spec.valLimit ?? undefined, cacheDir: opts.cacheDir });
    case 'cifar10':
      return loadCifar10({ path: spec.path, trainLimit: spec.trainLimit ?? undefined, valLimit: spec.valLimit ?? undefined, cacheDir: opts.cacheDir });
    case 'imagenet-folder': {
      const { dataset, skipped } = await loadImagenetFolder({
        path: spec.path, resizePx: spec.resizePx, classes: spec.classNames, valLabels: spec.valLabels ?? undefined,
        onBadFile: spec.onBadFile, cacheDir: opts.cacheDir, onProgress: opts.onProgress, trainLimitPerClass: spec.trainLimitPerClass ?? undefined, valLimitPerClass: spec.valLimitPerClass ?? undefined,
      });
      return { ...dataset, skippedFiles: skipped };
    }
  }
}
