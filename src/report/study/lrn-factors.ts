/**
 * How much LRN did in the runs an LRN claim was tested on (the LRN side of its pairs): per
 * LRN layer, the factor LRN divided the activations by (summary.json `lrnActivity`), averaged
 * over those runs. A factor near 1 is the measured reason an LRN ablation can show nothing.
 */
import { loadReference } from '../../paper/reference.js';
import { claimContrasts } from '../claims.js';
import type { ExperimentResults } from '../results-view.js';

export interface LrnFactorRow {
  experiment: string;
  layer: string;
  mean: number;
  p95: number;
  runs: number;
}

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export function lrnFactors(experiments: readonly ExperimentResults[]): LrnFactorRow[] {
  const claim = loadReference().claims.find((c) => c.axis === 'normalization' && c.better === 'lrn' && c.worse === 'none');
  if (!claim) return [];
  return experiments.flatMap((e) => {
    const runs = [...new Map(claimContrasts(claim, e).pairs.map((p) => [p.better.runId, p.better])).values()].filter((r) => r.lrnActivity !== null);
    const layers = [...new Set(runs.flatMap((r) => Object.keys(r.lrnActivity!)))].sort();
    return layers.flatMap((layer) => {
      const stats = runs.map((r) => r.lrnActivity![layer]).filter((s) => s !== undefined && Number.isFinite(s.mean) && Number.isFinite(s.p95));
      return stats.length ? [{ experiment: e.name, layer, mean: average(stats.map((s) => s!.mean)), p95: average(stats.map((s) => s!.p95)), runs: stats.length }] : [];
    });
  });
}
