/** Ablation effects: measured better-minus-worse error per axis with its 95% interval, beside the paper's claim. */
import type { TopLevelSpec } from 'vega-lite';
import type { EffectRow } from '../measures.js';
import { baseSpec, type Chart } from './common.js';

export function ablationEffectsChart(effects: EffectRow[], experiments: number): Chart | null {
  if (effects.length === 0) return null;
  const label = (e: EffectRow) => `${experiments > 1 ? `${e.experiment}: ` : ''}${e.contrast} (${e.metric === 'top1' ? 'top-1' : 'top-5'})`;
  const measured = effects.map((e) => ({ row: label(e), source: `measured (${e.seeds} seeds)`, kind: 'measured', value: e.mean, low: e.low ?? e.mean, high: e.high ?? e.mean }));
  const paper = effects.filter((e) => e.paper !== null).map((e) => ({ row: label(e), source: 'paper', kind: 'paper', value: e.paper, low: e.paper, high: e.paper }));
  const y = { field: 'row', type: 'nominal', title: null };
  const spec = {
    ...baseSpec('Ablation effects', 'better minus worse validation error, percentage points; negative: the paper\'s better choice helps'),
    data: { values: [...measured, ...paper] },
    width: 360,
    height: { step: 26 },
    layer: [
      { mark: { type: 'rule', color: '#888' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      { transform: [{ filter: "datum.kind === 'measured'" }], mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: 'low', type: 'quantitative', title: 'difference in error (points)' }, x2: { field: 'high' } } },
      { mark: { type: 'point', filled: true, size: 70 }, encoding: { y, x: { field: 'value', type: 'quantitative' }, shape: { field: 'kind', type: 'nominal', title: null }, color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['measured', 'paper'], range: ['#1f77b4', '#c00'] } } } },
    ],
  } as unknown as TopLevelSpec;
  return { id: 'ablation-effects', title: 'Ablation effects', caption: 'For each axis the results vary: the mean difference over seeds (runs paired by seed and every other axis, the pairs of one seed averaged) with its 95% Student-t interval over seeds (no bar below 2 seeds), and the paper\'s claimed difference in red where it gives one. "2 towers vs 1, same kernels" is not the paper\'s comparison (that is paper vs paper-one-tower).', spec };
}
