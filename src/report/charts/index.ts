/** Every chart of a report, in a fixed order, with unique file stems. */
import type { ReportModel } from '../model.js';
import { ablationEffectsChart } from './ablation-effects.js';
import type { Chart } from './common.js';
import { finalErrorsChart } from './final-errors.js';
import { learningCurvesChart } from './learning-curves.js';
import { throughputChart } from './throughput.js';
import { timeToTargetChart } from './time-to-target.js';
import { gradientNormsChart } from './gradient-norms.js';
import { saturationChart } from './saturation.js';

export type { Chart } from './common.js';

/** The experiments with gradient series, in the report's order. */
function gradientExperiments(model: ReportModel): string[] {
  const names = new Set((model.study?.activations.gradients ?? []).map((g) => g.experiment));
  return model.experiments.map((e) => e.name).filter((n) => names.has(n));
}

export function reportCharts(model: ReportModel): Chart[] {
  const n = model.experiments.length;
  const charts = [
    ...model.experiments.flatMap((s, i) => [learningCurvesChart(s.name, model.curves), finalErrorsChart(s)].map((c) => (c ? { ...c, experimentIndex: i } : null))),
    ablationEffectsChart(model.effects, n),
    timeToTargetChart(model.timeToTarget, model.claims.filter((c) => c.id === 'relu-6x-faster'), n),
    throughputChart(model.throughput, n),
    ...gradientExperiments(model).flatMap((e) => [gradientNormsChart(e, model.study!.activations.gradients), saturationChart(e, model.study!.activations.gradients)]),
  ].filter((c): c is Chart => c !== null);
  // Two experiment names may slug alike ("a b" and "a-b"): number the repeats.
  const seen = new Map<string, number>();
  return charts.map((c) => {
    const k = (seen.get(c.id) ?? 0) + 1;
    seen.set(c.id, k);
    return k === 1 ? c : { ...c, id: `${c.id}-${k}` };
  });
}
