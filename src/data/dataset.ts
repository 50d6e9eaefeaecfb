/**
 * The in-memory form every data source produces: uint8 HWC images (the compact form real
 * data sets are cached in) plus int32 labels. The harness turns batches of it into float
 * tensors (src/train/batches.ts).
 */

export interface ImageSplit {
  /** count * height * width * channels bytes, image after image, HWC. */
  images: Uint8Array;
  labels: Int32Array;
  count: number;
}

export interface ImageDataset {
  /** Short description for logs, e.g. "synthetic 10 classes 32x32". */
  description: string;
  classes: number;
  height: number;
  width: number;
  /** Always 3: grey sources are expanded to RGB. */
  channels: 3;
  train: ImageSplit;
  val: ImageSplit;
  /**
   * Images never trained on, evaluated as the split "holdout" (`dataset.holdout`): the
   * split early stopping monitors. Absent: the data set has none.
   */
  holdout?: ImageSplit;
  /** sha256 of exactly what was read or generated: two runs compare only if equal. */
  fingerprint: string;
  /** Per-pixel mean image of the training split, float32 HWC in 0..255 (paper section 2). */
  meanImage: Float32Array;
  /** Files skipped as unreadable (onBadFile "skip"), relative to the data folder; absent: none. */
  skippedFiles?: string[];
}

/** The per-pixel mean image of a split (paper section 2: "subtracting the mean activity"). */
export function meanImage(split: ImageSplit, pixelsPerImage: number): Float32Array {
  const sum = new Float64Array(pixelsPerImage);
  for (let i = 0; i < split.count; i++) {
    const offset = i * pixelsPerImage;
    for (let p = 0; p < pixelsPerImage; p++) sum[p] += split.images[offset + p];
  }
  const mean = new Float32Array(pixelsPerImage);
  for (let p = 0; p < pixelsPerImage; p++) mean[p] = sum[p] / split.count;
  return mean;
}
