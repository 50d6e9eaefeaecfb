/**
 * The paper's PCA lighting ("fancy PCA", section 4.1): to each training image add
 * sum_i alpha_i * lambda_i * p_i to every pixel's RGB, with alpha_i ~ N(0, 0.1) drawn once
 * per image per use, where (lambda_i, p_i) are the eigen-pairs of the 3x3 covariance of
 * the training set's RGB pixel values.
 *
 * Scale: the widely used ImageNet eigen-pairs (fb.resnet.torch, and the PyTorch ports of
 * its `Lighting` transform) are for RGB in [0, 1] and are applied to [0, 1] images. This
 * harness keeps pixels in 0..255, so the shift is multiplied by 255 (what ClassyVision's
 * lighting does with its pre-multiplied vectors). The paper's formula is not scale free
 * (lambda is in squared units), so "the same perturbation" means the [0, 1] convention.
 */
import type { ImageSplit } from '../data/dataset.js';
import type { Stream } from '../core/rng.js';
import { symmetricEigen3, type EigenPairs3, type Mat3, type Vec3 } from './eigen-3x3.js';

export type { EigenPairs3, Mat3, Vec3 } from './eigen-3x3.js';

export interface LightingConfig {
  /** Standard deviation of each alpha_i (the paper: 0.1). */
  sigma: number;
  /** lambda_1..3, for RGB in [0, 1]. */
  eigenvalues: [number, number, number];
  /** eigenvectors[i] is p_i (unit RGB vector of eigenvalues[i]); NOT fb.resnet.torch's matrix. */
  eigenvectors: number[][];
}

/**
 * fb.resnet.torch's `pca.eigvec`, exactly as published. Its Lighting computes
 * rgb = eigvec * (alpha .* eigval), i.e. rgb[r] = sum_j eigvec[r][j] * alpha[j] * eigval[j]
 * (cmul by row-broadcast alpha and eigval, then sum over dim 2), so the EIGENVECTORS ARE ITS
 * COLUMNS: column 0, about (-0.577, -0.577, -0.577), is the brightness direction that goes
 * with the largest eigenvalue 0.2175. Reading the rows as eigenvectors is a common bug.
 */
export const FB_RESNET_EIGVEC_MATRIX: Mat3 = [
  [-0.5675, 0.7192, 0.4009],
  [-0.5808, -0.0045, -0.814],
  [-0.5836, -0.6948, 0.4203],
];

/** ImageNet RGB eigenvalues for pixels in [0, 1], descending. */
export const IMAGENET_EIGENVALUES: Vec3 = [0.2175, 0.0188, 0.0045];

/** ImageNet p_1..p_3 in this module's layout: the columns of FB_RESNET_EIGVEC_MATRIX. */
export const IMAGENET_EIGENVECTORS: Mat3 = [0, 1, 2].map((j) => FB_RESNET_EIGVEC_MATRIX.map((row) => row[j])) as Mat3;

/** The paper's lighting with the ImageNet eigen-pairs and sigma 0.1. */
export function imagenetLighting(sigma = 0.1): LightingConfig {
  return {
    sigma,
    eigenvalues: [...IMAGENET_EIGENVALUES],
    eigenvectors: IMAGENET_EIGENVECTORS.map((p) => [...p]),
  };
}

/** alpha_1..3 ~ N(0, sigma); always draws three normals so the stream stays aligned. */
export function drawAlphas(stream: Stream, sigma: number): Vec3 {
  return [stream.normal() * sigma, stream.normal() * sigma, stream.normal() * sigma];
}

export interface LightingShiftOptions {
  alphas: ArrayLike<number>;
  eigenvalues: ArrayLike<number>;
  eigenvectors: ReadonlyArray<ArrayLike<number>>;
  /** Value of a full-scale pixel: 255 for this harness's 0..255 pixels, 1 for [0, 1]. */
  pixelRange: number;
}

/** sum_i alpha_i * lambda_i * p_i, times pixelRange: the RGB shift for one image. */
export function lightingShiftRgb({ alphas, eigenvalues, eigenvectors, pixelRange }: LightingShiftOptions): Vec3 {
  const shift: Vec3 = [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const weight = alphas[i] * eigenvalues[i] * pixelRange;
    for (let c = 0; c < 3; c++) shift[c] += weight * eigenvectors[i][c];
  }
  return shift;
}

/** Adds an RGB shift to every pixel of a float HWC buffer (the copy does this inline). */
export function addShiftInPlace(pixels: Float32Array, shiftRgb: ArrayLike<number>): void {
  for (let i = 0; i < pixels.length; i += 3) {
    pixels[i] += shiftRgb[0];
    pixels[i + 1] += shiftRgb[1];
    pixels[i + 2] += shiftRgb[2];
  }
}

/** Running sums of RGB in [0, 1], offset by 0.5 to keep E[xx] - E[x]E[x] well conditioned. */
interface Moments {
  n: number;
  sum: Float64Array;
  products: Float64Array;
}

function accumulate(m: Moments, images: Uint8Array, byte: number): void {
  const r = images[byte] / 255 - 0.5;
  const g = images[byte + 1] / 255 - 0.5;
  const b = images[byte + 2] / 255 - 0.5;
  m.n++;
  m.sum[0] += r;
  m.sum[1] += g;
  m.sum[2] += b;
  m.products[0] += r * r;
  m.products[1] += r * g;
  m.products[2] += r * b;
  m.products[3] += g * g;
  m.products[4] += g * b;
  m.products[5] += b * b;
}

function covariance(m: Moments): Mat3 {
  const mean = [m.sum[0] / m.n, m.sum[1] / m.n, m.sum[2] / m.n];
  const at = (k: number, i: number, j: number) => m.products[k] / m.n - mean[i] * mean[j];
  const rg = at(1, 0, 1);
  const rb = at(2, 0, 2);
  const gb = at(4, 1, 2);
  return [
    [at(0, 0, 0), rg, rb],
    [rg, at(3, 1, 1), gb],
    [rb, gb, at(5, 2, 2)],
  ];
}

export interface EigenStats extends EigenPairs3 {
  /** The (population) RGB covariance in [0, 1] scale. */
  covariance: Mat3;
  /** How many pixels went into it. */
  pixels: number;
}

/**
 * RGB covariance of a split's pixels in [0, 1] scale and its eigen-pairs, largest first,
 * in the layout LightingConfig expects. `pixelsPerImage` subsamples each image at evenly
 * spaced pixels (deterministic, no stream needed); omit it to use every pixel.
 */
export function computeEigenPairs(split: ImageSplit, pixelsPerImage?: number): EigenStats {
  if (split.count <= 0) throw new RangeError('cannot compute lighting eigen-pairs of an empty split');
  const imagePixels = split.images.length / split.count / 3;
  const take = Math.min(imagePixels, pixelsPerImage ?? imagePixels);
  if (!Number.isInteger(take) || take <= 0) throw new RangeError(`pixelsPerImage must be a positive integer, got ${pixelsPerImage}`);
  const m: Moments = { n: 0, sum: new Float64Array(3), products: new Float64Array(6) };
  for (let image = 0; image < split.count; image++) {
    const base = image * imagePixels * 3;
    for (let k = 0; k < take; k++) accumulate(m, split.images, base + Math.floor((k * imagePixels) / take) * 3);
  }
  const cov = covariance(m);
  return { ...symmetricEigen3(cov), covariance: cov, pixels: m.n };
}
