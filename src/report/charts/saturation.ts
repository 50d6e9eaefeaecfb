/** Per-layer saturated fraction over training steps, one panel per activation, median over seeds (Question 3). */
import type { TopLevelSpec } from 'vega-lite';
import { layerOrder, type GradientSeriesPoint } from '../study/activations.js';
import { baseSpec, slug, type Chart } from './common.js';
import { ACTIVATION_ORDER } from './gradient-norms.js';

export function saturationChart(experiment: string, points: readonly GradientSeriesPoint[]): Chart | null {
  const values = points.filter((p) => p.experiment === experiment && p.saturation !== null).map((p) => ({ activation: p.activation, layer: p.layer, step: p.step, percent: p.saturation! * 100, seeds: p.seeds }));
  if (values.length === 0) return null;
  const layers = [...new Set(values.map((v) => v.layer))].sort(layerOrder);
  const spec = {
    ...baseSpec(`${experiment}: saturated units per layer`, 'tanh, sigmoid: derivative below 10% of its maximum; ReLU: exactly 0 (inactive); median over seeds'),
    data: { values },
    facet: { field: 'activation', type: 'nominal', title: null, sort: ACTIVATION_ORDER },
    columns: 3,
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'training step' },
        y: { field: 'percent', type: 'quantitative', title: 'units (%)', scale: { domain: [0, 100] } },
        color: { field: 'layer', type: 'nominal', title: 'layer', sort: layers },
      },
    },
  } as unknown as TopLevelSpec;
  return {
    id: `saturation-${slug(experiment)}`,
    title: `${experiment}: saturated units per layer`,
    caption: 'Per layer, the share of that step\'s units whose activation derivative is below 10% of its maximum (tanh |y| > 0.9487; sigmoid y < 0.0257 or y > 0.9743), and for ReLU the share at exactly 0, at each log point, median over seeds, one panel per activation at its best learning rate.',
    spec,
    section: 'q3',
  };
}
