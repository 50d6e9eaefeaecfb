/**
 * `bench data stats`: what a researcher checks before trusting a data set: class counts
 * per split, the mean colour, and the eigen-pairs of the RGB covariance (for PCA lighting,
 * paper section 4.1: paste them into augment.lighting to use the data set's own).
 */
import { computeEigenPairs } from '../augment/pca-lighting.js';
import { loadDataset } from '../data/index.js';
import type { ImageSplit } from '../data/dataset.js';
import { resolveExperiment } from '../experiment/resolve.js';
import { validateExperimentFile } from '../experiment/validate.js';

export interface DataStats {
  experiment: string;
  description: string;
  fingerprint: string;
  imageSizePx: { height: number; width: number };
  classCounts: { train: number[]; val: number[] };
  /** Mean of the training images per channel, in 0..255. */
  meanRgb: [number, number, number];
  /** Of RGB in [0, 1], largest first; eigenvectors[i] goes with eigenvalues[i]. */
  lighting: { eigenvalues: number[]; eigenvectors: number[][]; pixels: number };
}

/** Pixels sampled per image for the covariance: 1024 spread over the image is plenty for a 3x3 matrix. */
const COVARIANCE_PIXELS_PER_IMAGE = 1024;

function classCounts(split: ImageSplit, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0);
  for (const label of split.labels) counts[label] += 1;
  return counts;
}

export async function dataStats(experimentFile: string, opts: { cacheDir?: string } = {}): Promise<DataStats> {
  const experiment = resolveExperiment(validateExperimentFile(experimentFile));
  const dataset = await loadDataset(experiment.runs[0].dataset, { cacheDir: opts.cacheDir });
  const mean: [number, number, number] = [0, 0, 0];
  const pixels = dataset.meanImage.length / 3;
  for (let p = 0; p < pixels; p++) for (let c = 0; c < 3; c++) mean[c] += dataset.meanImage[p * 3 + c] / pixels;
  const eigen = computeEigenPairs(dataset.train, COVARIANCE_PIXELS_PER_IMAGE);
  return {
    experiment: experiment.name,
    description: dataset.description,
    fingerprint: dataset.fingerprint,
    imageSizePx: { height: dataset.height, width: dataset.width },
    classCounts: { train: classCounts(dataset.train, dataset.classes), val: classCounts(dataset.val, dataset.classes) },
    meanRgb: mean,
    lighting: { eigenvalues: [...eigen.eigenvalues], eigenvectors: eigen.eigenvectors.map((v) => [...v]), pixels: eigen.pixels },
  };
}

export function formatDataStats(s: DataStats): string {
  const f = (v: number) => v.toFixed(4);
  return [
    `${s.experiment}: ${s.description} (${s.imageSizePx.width}x${s.imageSizePx.height} px)`,
    `fingerprint ${s.fingerprint}`,
    `train images per class: ${s.classCounts.train.join(' ')}`,
    `val images per class:   ${s.classCounts.val.join(' ')}`,
    `mean RGB (0..255): ${s.meanRgb.map((v) => v.toFixed(2)).join(' ')}`,
    `RGB covariance eigen-pairs (RGB in [0, 1], ${s.lighting.pixels} pixels):`,
    ...s.lighting.eigenvalues.map((v, i) => `  lambda ${f(v)}  p (${s.lighting.eigenvectors[i].map(f).join(', ')})`),
    `as augment.lighting: ${JSON.stringify({ eigenvalues: s.lighting.eigenvalues.map((v) => Number(v.toFixed(6))), eigenvectors: s.lighting.eigenvectors.map((p) => p.map((v) => Number(v.toFixed(6)))) })}`,
  ].join('\n') + '\n';
}
