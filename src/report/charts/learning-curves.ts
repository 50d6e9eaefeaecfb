/** Learning curves: train and val top-1/top-5 error per epoch, mean over seeds with a min-max band. */
import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint } from '../measures.js';
import { baseSpec, slug, type Chart } from './common.js';

export function learningCurvesChart(experiment: string, points: CurvePoint[]): Chart | null {
  const values = points
    .filter((p) => p.experiment === experiment)
    .map((p) => ({ variant: p.variant, epoch: p.epoch, panel: `${p.split} ${p.metric === 'top1' ? 'top-1' : 'top-5'}`, mean: p.mean, min: p.min, max: p.max, seeds: p.seeds }));
  if (values.length === 0) return null;
  const x = { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } };
  const color = { field: 'variant', type: 'nominal', title: 'variant' };
  const spec = {
    ...baseSpec(`${experiment}: learning curves`, 'mean over seeds; band: min to max over seeds'),
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: ['train top-1', 'train top-5', 'val top-1', 'val top-5'] },
    columns: 2,
    spec: {
      width: 260,
      height: 160,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'min', type: 'quantitative', title: 'error (%)' }, y2: { field: 'max' }, color } },
        { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: 'error (%)' }, color } },
      ],
    },
  } as unknown as TopLevelSpec;
  return { id: `learning-curves-${slug(experiment)}`, title: `${experiment}: learning curves`, caption: 'Training and validation top-1/top-5 error per epoch; line: mean over seeds, band: min to max over seeds. Completed runs only.', spec };
}
