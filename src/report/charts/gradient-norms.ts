/** Per-layer gradient norm over training steps, one panel per activation, median over seeds, log scale (Question 3). */
import type { GradientSeriesPoint } from '../study/activations.js';
import { activationPanelsSpec } from './activation-panels.js';
import { slug, type Chart } from './common.js';

export function gradientNormsChart(experiment: string, points: readonly GradientSeriesPoint[]): Chart | null {
  // A log scale cannot show zero: a norm of exactly 0 (a dead layer) is left out and the caption says so.
  const values = points.filter((p) => p.experiment === experiment && p.norm !== null && p.norm > 0).map((p) => ({ activation: p.activation, layer: p.layer, step: p.step, norm: p.norm, seeds: p.seeds }));
  if (values.length === 0) return null;
  const spec = activationPanelsSpec({
    title: `${experiment}: gradient norm per layer`,
    subtitle: 'L2 norm of each kernel\'s gradient before the update, median over seeds; log scale',
    values, field: 'norm', yTitle: 'gradient norm', yScale: { type: 'log' },
  });
  return {
    id: `gradient-norms-${slug(experiment)}`,
    title: `${experiment}: gradient norm per layer`,
    caption: 'Per-layer L2 norm of the kernel gradient at each log point (on that step\'s batch, before the update), median over seeds, one panel per activation at its best learning rate; log scale, so a norm of exactly 0 is not drawn.',
    spec,
    section: 'q3',
  };
}
