/**
 * Test-time patches (paper section 4.1: "At test time, the network makes a prediction by
 * extracting five 224 x 224 patches (the four corner patches and the center patch) as well
 * as their horizontal reflections (hence ten patches in all), and averaging the
 * predictions made by the network's softmax layer on the ten patches").
 */
import { centreCropOffsets, copyCrop, type CropOffsets, type ImageSizePx } from './random-crop.js';

export { centreCropOffsets } from './random-crop.js';

export interface Patch extends CropOffsets {
  flip: boolean;
}

export const TEN_CROP_COUNT = 10;

/**
 * The ten patches in a fixed order: top-left, top-right, bottom-left, bottom-right,
 * centre, then the same five mirrored (torchvision's TenCrop order).
 */
export function tenCropPatches(size: ImageSizePx, cropSizePx: number): Patch[] {
  const centre = centreCropOffsets(size, cropSizePx);
  const bottomPx = size.heightPx - cropSizePx;
  const rightPx = size.widthPx - cropSizePx;
  const five: CropOffsets[] = [
    { topPx: 0, leftPx: 0 },
    { topPx: 0, leftPx: rightPx },
    { topPx: bottomPx, leftPx: 0 },
    { topPx: bottomPx, leftPx: rightPx },
    centre,
  ];
  return [...five.map((c) => ({ ...c, flip: false })), ...five.map((c) => ({ ...c, flip: true }))];
}

export interface TenCropOptions {
  source: Uint8Array;
  sourceOffset: number;
  size: ImageSizePx;
  meanImage: Float32Array;
  cropSizePx: number;
  pixelScale: number;
  destination: Float32Array;
  /** Where the first of the ten consecutive [crop, crop, 3] patches goes. */
  destinationOffset: number;
}

/** Writes the ten patches of one image, mean-subtracted and scaled like training crops. */
export function writeTenCrops(options: TenCropOptions): void {
  const { size, cropSizePx, destinationOffset } = options;
  const patchFloats = cropSizePx * cropSizePx * 3;
  tenCropPatches(size, cropSizePx).forEach((patch, k) => {
    copyCrop({
      source: options.source,
      sourceOffset: options.sourceOffset,
      widthPx: size.widthPx,
      meanImage: options.meanImage,
      crop: patch,
      cropSizePx,
      flip: patch.flip,
      pixelScale: options.pixelScale,
      destination: options.destination,
      destinationOffset: destinationOffset + k * patchFloats,
    });
  });
}
