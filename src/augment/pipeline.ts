/**
 * Batches for training (random crop, mirror, PCA lighting: paper section 4.1) and for
 * evaluation (centre crop, or the ten patches of section 4.1), each written into ONE
 * Float32Array [images, inputSize, inputSize, 3] so the engine gets one upload per batch.
 *
 * Reproducibility: every random choice for an image comes from its own stream, seeded
 * deriveSeed(seed, ...key) where the caller's per-image key is (epoch, position of the image
 * in that epoch's order). An image's augmentation therefore depends only on (seed, epoch,
 * position), never on batch size, on which worker builds it, or on the order images are
 * processed, and a resumed run needs no augmentation stream state in its checkpoint.
 */
import type { ImageDataset, ImageSplit } from '../data/dataset.js';
import { createStream, deriveSeed, type Stream } from '../core/rng.js';
import { drawFlip } from './flip.js';
import { drawAlphas, lightingShiftRgb, type LightingConfig, type Vec3 } from './pca-lighting.js';
import { centreCropOffsets, copyCrop, randomCropOffsets, type CropOffsets, type ImageSizePx } from './random-crop.js';
import { TEN_CROP_COUNT, writeTenCrops } from './ten-crop.js';

export interface AugmentConfig {
  /** Random crop size, which must equal inputSize (no resizing); null: centre crop to inputSize. */
  crop: number | null;
  /** Mirror with probability 0.5. */
  flip: boolean;
  lighting: LightingConfig | null;
}

/** Identifies one use of one image: (epoch, position in that epoch's order). */
export type ImageKey = ReadonlyArray<string | number>;

/** Keys for `count` consecutive positions of one epoch's order, from `firstPosition`. */
export function epochKeys(epoch: number, firstPosition: number, count: number): ImageKey[] {
  return Array.from({ length: count }, (_, i) => [epoch, firstPosition + i]);
}

export interface BatchSourceOptions {
  split: ImageSplit;
  /** Indices into the split, one per output image. */
  indices: ArrayLike<number>;
  /** Image size; pass the ImageDataset itself. */
  dims: Pick<ImageDataset, 'height' | 'width'>;
  /** Training-set mean image, float32 HWC in 0..255. */
  meanImage: Float32Array;
  /** Multiplies mean-subtracted pixels (the paper: 1). */
  pixelScale: number;
  inputSize: number;
  /** Reuse a buffer of exactly the output length instead of allocating one. */
  out?: Float32Array;
}

export interface AugmentBatchOptions extends BatchSourceOptions {
  config: AugmentConfig;
  /** The run's augment stream seed (streamSeeds(root).augment). */
  seed: number;
  /** One key per index, normally epochKeys(epoch, batchStart, batchSize). */
  keys: ReadonlyArray<ImageKey>;
}

/** The random choices for one image, as applied by augmentBatch. */
export interface ImageAugmentation {
  crop: CropOffsets;
  flip: boolean;
  /** RGB shift in 0..255 units, added before pixelScale. */
  shiftRgb: Vec3;
}

function sizeOf(dims: BatchSourceOptions['dims']): ImageSizePx {
  return { heightPx: dims.height, widthPx: dims.width };
}

function outputBuffer(o: BatchSourceOptions, images: number): Float32Array {
  const length = images * o.inputSize * o.inputSize * 3;
  if (o.out && o.out.length !== length) throw new RangeError(`out has ${o.out.length} floats, need ${length}`);
  const expectedMean = o.dims.height * o.dims.width * 3;
  if (o.meanImage.length !== expectedMean) throw new RangeError(`mean image has ${o.meanImage.length} floats, need ${expectedMean}`);
  return o.out ?? new Float32Array(length);
}

/**
 * Draws one image's choices in a fixed order (top, left, flip, alpha_1..3) whether or not
 * each is enabled, so switching one augmentation off leaves the others' draws unchanged.
 */
export function drawImageAugmentation(stream: Stream, config: AugmentConfig, size: ImageSizePx, inputSize: number): ImageAugmentation {
  if (config.crop !== null && config.crop !== inputSize) {
    throw new RangeError(`crop ${config.crop} must equal the input size ${inputSize} (crops are not resized)`);
  }
  const random = randomCropOffsets(size, inputSize, stream);
  const flip = drawFlip(stream);
  const alphas = drawAlphas(stream, config.lighting?.sigma ?? 0);
  const lighting = config.lighting;
  return {
    crop: config.crop === null ? centreCropOffsets(size, inputSize) : random,
    flip: config.flip && flip,
    shiftRgb: lighting ? lightingShiftRgb({ ...lighting, alphas, pixelRange: 255 }) : [0, 0, 0],
  };
}

/** The choices augmentBatch makes for the image with this key. */
export function imageAugmentation(o: { seed: number; key: ImageKey; config: AugmentConfig; dims: BatchSourceOptions['dims']; inputSize: number }): ImageAugmentation {
  return drawImageAugmentation(createStream(deriveSeed(o.seed, ...o.key)), o.config, sizeOf(o.dims), o.inputSize);
}

/** Training batch: each image cropped, mirrored and lit as its own key's stream says. */
export function augmentBatch(o: AugmentBatchOptions): Float32Array {
  if (o.keys.length !== o.indices.length) throw new RangeError(`${o.keys.length} keys for ${o.indices.length} images`);
  const out = outputBuffer(o, o.indices.length);
  const imageBytes = o.dims.height * o.dims.width * 3;
  const patchFloats = o.inputSize * o.inputSize * 3;
  for (let b = 0; b < o.indices.length; b++) {
    const choice = imageAugmentation({ seed: o.seed, key: o.keys[b], config: o.config, dims: o.dims, inputSize: o.inputSize });
    copyCrop({
      source: o.split.images,
      sourceOffset: o.indices[b] * imageBytes,
      widthPx: o.dims.width,
      meanImage: o.meanImage,
      crop: choice.crop,
      cropSizePx: o.inputSize,
      flip: choice.flip,
      pixelScale: o.pixelScale,
      shiftRgb: choice.shiftRgb,
      destination: out,
      destinationOffset: b * patchFloats,
    });
  }
  return out;
}

/** Evaluation batch, one centre crop per image (no randomness). */
export function centreBatch(o: BatchSourceOptions): Float32Array {
  const out = outputBuffer(o, o.indices.length);
  const crop = centreCropOffsets(sizeOf(o.dims), o.inputSize);
  const imageBytes = o.dims.height * o.dims.width * 3;
  const patchFloats = o.inputSize * o.inputSize * 3;
  for (let b = 0; b < o.indices.length; b++) {
    copyCrop({
      source: o.split.images,
      sourceOffset: o.indices[b] * imageBytes,
      widthPx: o.dims.width,
      meanImage: o.meanImage,
      crop,
      cropSizePx: o.inputSize,
      flip: false,
      pixelScale: o.pixelScale,
      destination: out,
      destinationOffset: b * patchFloats,
    });
  }
  return out;
}

/**
 * Evaluation batch of ten patches per image: [images * 10, inputSize, inputSize, 3], image
 * b's patches at rows 10b..10b+9 (order in ten-crop.ts). Average the 10 softmaxes per image.
 */
export function tenCropBatch(o: BatchSourceOptions): Float32Array {
  const out = outputBuffer(o, o.indices.length * TEN_CROP_COUNT);
  const imageBytes = o.dims.height * o.dims.width * 3;
  const patchFloats = o.inputSize * o.inputSize * 3;
  for (let b = 0; b < o.indices.length; b++) {
    writeTenCrops({
      source: o.split.images,
      sourceOffset: o.indices[b] * imageBytes,
      size: sizeOf(o.dims),
      meanImage: o.meanImage,
      cropSizePx: o.inputSize,
      pixelScale: o.pixelScale,
      destination: out,
      destinationOffset: b * TEN_CROP_COUNT * patchFloats,
    });
  }
  return out;
}
