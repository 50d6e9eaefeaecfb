/** Per-layer saturated fraction over training steps, one panel per activation, median over seeds (Question 3). */
import type { GradientSeriesPoint } from '../study/activations.js';
import { activationPanelsSpec } from './activation-panels.js';
import { slug, type Chart } from './common.js';

export function saturationChart(experiment: string, points: readonly GradientSeriesPoint[]): Chart | null {
  const values = points.filter((p) => p.experiment === experiment && p.saturation !== null).map((p) => ({ activation: p.activation, layer: p.layer, step: p.step, percent: p.saturation! * 100, seeds: p.seeds }));
  if (values.length === 0) return null;
  const spec = activationPanelsSpec({
    title: `${experiment}: saturated units per layer`,
    subtitle: 'tanh, sigmoid: derivative below 10% of its maximum; ReLU: exactly 0 (inactive); median over seeds',
    values, field: 'percent', yTitle: 'units (%)', yScale: { domain: [0, 100] },
  });
  return {
    id: `saturation-${slug(experiment)}`,
    title: `${experiment}: saturated units per layer`,
    caption: 'Per layer, the share of that step\'s units whose activation derivative is below 10% of its maximum (tanh |y| > 0.9487; sigmoid y < 0.0257 or y > 0.9743), and for ReLU the share at exactly 0, at each log point, median over seeds, one panel per activation at its best learning rate.',
    spec,
    section: 'q3',
  };
}
