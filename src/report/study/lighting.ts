/**
 * What PCA lighting did in an experiment's runs. The paper's lighting adds a random multiple
 * of each eigenvector of the RGB covariance, scaled by its eigenvalue. Grey images (three equal
 * channels) have one non-zero eigenvalue, along (1, 1, 1): with a data set's own eigen-pairs,
 * lighting then only shifts brightness, and the report says so beside the lighting row.
 */
import type { ExperimentResults } from '../results-view.js';

/** An eigenvalue below this share of the largest is zero (rounding in a covariance of equal channels). */
const ZERO_SHARE = 1e-6;

export interface LightingNote {
  experiment: string;
  /** Runs with lighting on whose record states the eigen-pairs. */
  runs: number;
  /** Non-zero eigenvalues of those runs, distinct counts, sorted. */
  nonZeroEigenvalues: number[];
}

function nonZero(values: number[]): number {
  const top = Math.max(...values.map(Math.abs));
  return top === 0 ? 0 : values.filter((v) => Math.abs(v) > top * ZERO_SHARE).length;
}

export function lightingNotes(experiments: readonly ExperimentResults[]): LightingNote[] {
  return experiments.flatMap((e) => {
    const values = e.runs.map((r) => r.facts.lightingEigenvalues).filter((v): v is number[] => v !== null && v.length > 0);
    if (values.length === 0) return [];
    return [{ experiment: e.name, runs: values.length, nonZeroEigenvalues: [...new Set(values.map(nonZero))].sort((a, b) => a - b) }];
  });
}
