/**
 * A synthetic data set is generated whole in memory (src/data/synthetic.ts): both splits
 * at once, each split's pixels in one Uint8Array. A size that cannot fit would otherwise
 * end deep in the generator with "RangeError: Invalid typed array length" or an
 * out-of-memory crash, so resolution says what fits instead.
 *
 * The bound is the machine's total memory, not what is free now: it rejects only sizes
 * that can never fit here, so whether a file resolves does not depend on the load of the
 * moment (training needs memory beside the data too, so sizes near the bound still fail).
 */
import { constants as bufferConstants } from 'node:buffer';
import { totalmem } from 'node:os';
import { syntheticImageBytes } from '../data/synthetic.js';
import { at, validationMessages as m } from './messages.js';

export interface SyntheticSize {
  imageSize: number;
  trainSize: number;
  valSize: number;
}

export interface MemoryLimits {
  /** Memory of this machine. */
  memoryBytes: number;
  /** The longest Uint8Array this JavaScript engine allows (2^32 bytes on Node 20, 64-bit). */
  maxArrayBytes: number;
}

export function machineLimits(): MemoryLimits {
  return { memoryBytes: totalmem(), maxArrayBytes: bufferConstants.MAX_LENGTH };
}

type SplitKey = 'trainSize' | 'valSize';

/** Problems as messages naming `file` and the dataset key to shrink; [] when the set fits. */
export function checkSyntheticFits(file: string, size: SyntheticSize, limits: MemoryLimits = machineLimits()): string[] {
  const { pixelBytes, labelBytes } = syntheticImageBytes(size.imageSize);
  const imageBytes = pixelBytes + labelBytes;
  const totalBytes = (size.trainSize + size.valSize) * imageBytes;
  const shape = { imageSize: size.imageSize, channels: 3 };
  if (totalBytes > limits.memoryBytes) {
    // Point at the larger split: shrinking it is what makes room.
    const key: SplitKey = size.trainSize >= size.valSize ? 'trainSize' : 'valSize';
    const other = key === 'trainSize' ? size.valSize : size.trainSize;
    const maxImages = Math.max(0, Math.floor((limits.memoryBytes - other * imageBytes) / imageBytes));
    return [m.syntheticOverMemory(at(file, `/dataset/${key}`), { count: size[key], ...shape, needBytes: totalBytes, memoryBytes: limits.memoryBytes, otherCount: other, maxImages, key })];
  }
  const maxImages = Math.floor(limits.maxArrayBytes / pixelBytes);
  return (['trainSize', 'valSize'] as const).flatMap((key) =>
    size[key] * pixelBytes > limits.maxArrayBytes
      ? [m.syntheticOverArrayLimit(at(file, `/dataset/${key}`), { count: size[key], ...shape, needBytes: size[key] * pixelBytes, maxArrayBytes: limits.maxArrayBytes, maxImages, key })]
      : [],
  );
}
