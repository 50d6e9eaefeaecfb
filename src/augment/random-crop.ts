/**
 * Random crops and the one-pass crop copy used by every augmentation path (paper section
 * 4.1: "extracting random 224 x 224 patches (and their horizontal reflections) from the
 * 256 x 256 images"). The copy runs in the data loader's hot loop, so it does the crop,
 * the optional mirror, the mean subtraction, a per-image RGB shift (PCA lighting, section
 * 4.1) and the pixel scale in a single pass with no per-pixel allocation.
 */
import type { Stream } from '../core/rng.js';

/** Where a square crop starts inside an image, in pixels. */
export interface CropOffsets {
  topPx: number;
  leftPx: number;
}

export interface ImageSizePx {
  heightPx: number;
  widthPx: number;
}

function checkFits({ heightPx, widthPx }: ImageSizePx, cropSizePx: number): void {
  if (!Number.isInteger(cropSizePx) || cropSizePx <= 0 || cropSizePx > heightPx || cropSizePx > widthPx) {
    throw new RangeError(`crop size ${cropSizePx} does not fit a ${widthPx}x${heightPx} image`);
  }
}

/**
 * Uniform crop offsets: every one of the (H - s + 1) x (W - s + 1) positions is equally
 * likely. Always draws exactly two values (top, then left) so that callers sharing the
 * stream stay aligned whatever the image size.
 */
export function randomCropOffsets(size: ImageSizePx, cropSizePx: number, stream: Stream): CropOffsets {
  checkFits(size, cropSizePx);
  const topPx = stream.int(size.heightPx - cropSizePx + 1);
  const leftPx = stream.int(size.widthPx - cropSizePx + 1);
  return { topPx, leftPx };
}

/** The centred crop; rounds down like the evaluation batches (src/train/batches.ts). */
export function centreCropOffsets(size: ImageSizePx, cropSizePx: number): CropOffsets {
  checkFits(size, cropSizePx);
  return {
    topPx: Math.floor((size.heightPx - cropSizePx) / 2),
    leftPx: Math.floor((size.widthPx - cropSizePx) / 2),
  };
}

export interface CopyCropOptions {
  /** uint8 HWC RGB images, image after image. */
  source: Uint8Array;
  /** Index in `source` of the first byte of the image. */
  sourceOffset: number;
  /** Width of the source image (and of the mean image), in pixels. */
  widthPx: number;
  /** Per-pixel mean image, float32 HWC in 0..255, same size as the source image. */
  meanImage: Float32Array;
  crop: CropOffsets;
  cropSizePx: number;
  /** Mirror left-right (section 4.1 "horizontal reflections"). */
  flip: boolean;
  /** Multiplies the mean-subtracted value (the paper: 1). */
  pixelScale: number;
  /** Added to R, G, B before scaling, in 0..255 units (PCA lighting); omit for none. */
  shiftRgb?: ArrayLike<number>;
  destination: Float32Array;
  /** Index in `destination` of the crop's first float. */
  destinationOffset: number;
}

/**
 * Writes destination[y, x, c] = (img[top + y, left + x', c] - mean[same pixel] + shift[c])
 * * pixelScale, where x' = x or (size - 1 - x) when flipped. The mean image is cropped and
 * mirrored together with the image, so flipping commutes with mean subtraction.
 */
export function copyCrop(options: CopyCropOptions): void {
  const { source, sourceOffset, widthPx, meanImage, crop, cropSizePx, flip, pixelScale } = options;
  const { destination, destinationOffset } = options;
  const shift = options.shiftRgb;
  const shiftR = shift ? shift[0] : 0;
  const shiftG = shift ? shift[1] : 0;
  const shiftB = shift ? shift[2] : 0;
  const rowFloats = cropSizePx * 3;
  for (let y = 0; y < cropSizePx; y++) {
    const meanRow = ((crop.topPx + y) * widthPx + crop.leftPx) * 3;
    const sourceRow = sourceOffset + meanRow;
    let d = destinationOffset + y * rowFloats;
    for (let x = 0; x < cropSizePx; x++, d += 3) {
      const s = flip ? (cropSizePx - 1 - x) * 3 : x * 3;
      destination[d] = (source[sourceRow + s] - meanImage[meanRow + s] + shiftR) * pixelScale;
      destination[d + 1] = (source[sourceRow + s + 1] - meanImage[meanRow + s + 1] + shiftG) * pixelScale;
      destination[d + 2] = (source[sourceRow + s + 2] - meanImage[meanRow + s + 2] + shiftB) * pixelScale;
    }
  }
}
