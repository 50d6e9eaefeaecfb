/** Training throughput (images/s) per engine and variant, mean over seeds with a min-max bar. */
import type { TopLevelSpec } from 'vega-lite';
import type { ThroughputRow } from '../measures.js';
import { baseSpec, type Chart } from './common.js';

export function throughputChart(rows: ThroughputRow[], experiments: number): Chart | null {
  if (rows.length === 0) return null;
  const values = rows.map((r) => ({ variant: `${experiments > 1 ? `${r.experiment}: ` : ''}${r.variant}`, engine: r.engine, mean: r.imagesPerSecond.mean, min: r.imagesPerSecond.min, max: r.imagesPerSecond.max }));
  const y = { field: 'variant', type: 'nominal', title: null };
  const spec = {
    ...baseSpec('Training throughput', 'images per second, mean over seeds; bar: min to max'),
    data: { values },
    width: 360,
    height: { step: 22 },
    layer: [
      { mark: { type: 'bar' }, encoding: { y, yOffset: { field: 'engine' }, x: { field: 'mean', type: 'quantitative', title: 'images/s' }, color: { field: 'engine', type: 'nominal' } } },
      { mark: { type: 'rule' }, encoding: { y, yOffset: { field: 'engine' }, x: { field: 'min', type: 'quantitative' }, x2: { field: 'max' } } },
    ],
  } as unknown as TopLevelSpec;
  return { id: 'throughput', title: 'Training throughput', caption: 'Training images per second per engine and variant (from summary.json), mean over seeds with min to max.', spec };
}
