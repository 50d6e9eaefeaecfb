/** Time to target: epochs and seconds to reach the training-error target per variant, and the ReLU ratio vs the paper's 6x. */
import type { TopLevelSpec } from 'vega-lite';
import type { TimeToTargetRow } from '../measures.js';
import type { ClaimResult } from '../claims.js';
import { baseSpec, type Chart } from './common.js';

export function timeToTargetChart(rows: TimeToTargetRow[], speedClaim: ClaimResult | undefined, experiments: number): Chart | null {
  const reached = rows.filter((r) => r.epochs !== null);
  if (reached.length === 0) return null;
  const label = (r: TimeToTargetRow) => `${experiments > 1 ? `${r.experiment}: ` : ''}${r.variant}`;
  const values = reached.flatMap((r) => [
    { variant: label(r), activation: r.activation, measure: 'epochs', mean: r.epochs!.mean, min: r.epochs!.min, max: r.epochs!.max, reached: `${r.reached}/${r.runs}` },
    ...(r.seconds ? [{ variant: label(r), activation: r.activation, measure: 'seconds', mean: r.seconds.mean, min: r.seconds.min, max: r.seconds.max, reached: `${r.reached}/${r.runs}` }] : []),
  ]);
  const m = speedClaim?.measured;
  const ratio = m ? `tanh/ReLU epochs ratio ${m.mean.toFixed(2)}x (95% ${m.low.toFixed(2)}-${m.high.toFixed(2)}) vs the paper's ${speedClaim!.paper}x` : `tanh/ReLU ratio not measured: ${speedClaim?.note ?? 'no ReLU claim'}`;
  const y = { field: 'variant', type: 'nominal', title: null };
  const spec = {
    ...baseSpec(`Time to ${reached[0]!.targetPercent}% training top-1 error`, ratio),
    data: { values },
    facet: { field: 'measure', type: 'nominal', title: null, sort: ['epochs', 'seconds'] },
    spec: {
      width: 240,
      height: { step: 22 },
      layer: [
        { mark: { type: 'bar' }, encoding: { y, x: { field: 'mean', type: 'quantitative', title: 'mean over seeds that reached it' }, color: { field: 'activation', type: 'nominal' } } },
        { mark: { type: 'rule' }, encoding: { y, x: { field: 'min', type: 'quantitative' }, x2: { field: 'max' } } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as unknown as TopLevelSpec;
  return { id: 'time-to-target', title: 'Time to target', caption: `Epochs and seconds until the training top-1 error first reaches the target (runs that never reach it are not in the bars; see the tables). ${ratio}.`, spec };
}
