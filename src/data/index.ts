/**
 * Data sources by `dataset.format`. Each returns an ImageDataset with the fingerprint of
 * exactly what it read or generated.
 */
import type { ResolvedDataset } from '../harness/experiment/resolve.js';
import type { ImageDataset } from './dataset.js';
import { syntheticDataset } from './synthetic.js';

export type { ImageDataset, ImageSplit } from './dataset.js';

export async function loadDataset(spec: ResolvedDataset): Promise<ImageDataset> {
  switch (spec.format) {
    case 'synthetic':
      return syntheticDataset(spec);
  }
}
