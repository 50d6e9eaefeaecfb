/**
 * Ten-patch testing (paper section 4.1: the average of the predictions on ten 224-pixel
 * patches) against the centre crop, within the same runs: for each run evaluated both ways,
 * centre-crop top-1 minus ten-crop top-1 (points the ten patches remove). The runs of one
 * seed (the experiment's variants) are averaged, so n is the number of seeds and the
 * variants are contexts. A failed model is 100% error both ways and adds nothing.
 */
import { runGap, tenCropError } from '../aggregate.js';
import { datasetLabel } from '../claim-setting.js';
import type { ExperimentResults, ReportRun } from '../results-view.js';
import { spread, type SeedValue, type Spread } from '../stats.js';
import { DEFAULT_MARGIN_POINTS } from './contrast-rows.js';
import { keptError } from './early-stopping.js';
import { judgeDirection, type Judged } from './judge.js';

export interface TenCropRow {
  experiment: string;
  /** Variants averaged within each seed. */
  variants: number;
  runs: number;
  /** Top-1 error per crop over the same runs, percent. */
  centre: Spread;
  tenCrop: Spread;
  judged: Judged;
}

/** Both crops of the same net: ten-crop evaluates the saved net, so the centre error is the restored best epoch's where early stopping restored one. */
function both(r: ReportRun): { centre: number; tenCrop: number } | null {
  const [centre, tenCrop] = [keptError(r), tenCropError(r, 'top1')];
  return centre === null || tenCrop === null ? null : { centre, tenCrop };
}

function row(e: ExperimentResults): TenCropRow | null {
  const runs = e.runs.filter((r) => runGap(r) === null && both(r) !== null);
  if (runs.length === 0) return null;
  const bySeed = new Map<number, number[]>();
  for (const r of runs) {
    const b = both(r)!;
    bySeed.set(r.seed, [...(bySeed.get(r.seed) ?? []), b.centre - b.tenCrop]);
  }
  const values: SeedValue[] = [...bySeed].sort(([a], [b]) => a - b).map(([seed, xs]) => {
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    return { seed, low: mean, high: mean };
  });
  return {
    experiment: e.name,
    variants: new Set(runs.map((r) => r.variant)).size,
    runs: runs.length,
    centre: spread(runs.map((r) => both(r)!.centre))!,
    tenCrop: spread(runs.map((r) => both(r)!.tenCrop))!,
    judged: judgeDirection(values, { margin: DEFAULT_MARGIN_POINTS, unit: 'points', dataset: datasetLabel(runs) }),
  };
}

export function tenCropRows(experiments: readonly ExperimentResults[]): TenCropRow[] {
  return experiments.map(row).filter((r): r is TenCropRow => r !== null);
}
