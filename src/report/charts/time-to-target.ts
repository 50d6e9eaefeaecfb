/** Time to target: epochs and seconds to reach the training-error target per variant, and the ReLU ratio vs the paper's 6x. */
import type { TopLevelSpec } from 'vega-lite';
import type { TimeToTargetRow } from '../measures.js';
import type { ClaimResult } from '../claims.js';
import { claimMean, openInterval } from '../format.js';
import { baseSpec, type Chart } from './common.js';

/** The speed claim's rows in one line each: the measured ratio against the paper's, and the verdict. */
function ratioLines(rows: ClaimResult[]): string[] {
  const measured = rows.filter((c) => c.measured !== null);
  if (measured.length === 0) return [`tanh/ReLU ratio not measured: ${rows[0]?.note ?? 'no ReLU claim'}`];
  return measured.map((c) => `${c.experiment}: tanh/ReLU time ratio ${claimMean(c.measured)}x (95% ${openInterval(c.measured)}) vs the paper's ${c.paper}x, ${c.verdictText}`);
}

export function timeToTargetChart(rows: TimeToTargetRow[], speedClaims: ClaimResult[], experiments: number): Chart | null {
  const reached = rows.filter((r) => r.epochs !== null);
  if (reached.length === 0) return null;
  const label = (r: TimeToTargetRow) => `${experiments > 1 ? `${r.experiment}: ` : ''}${r.variant}`;
  const values = reached.flatMap((r) => [
    { variant: label(r), activation: r.activation, measure: 'epochs', mean: r.epochs!.mean, min: r.epochs!.min, max: r.epochs!.max, reached: `${r.reached}/${r.runs}` },
    ...(r.seconds ? [{ variant: label(r), activation: r.activation, measure: 'seconds', mean: r.seconds.mean, min: r.seconds.min, max: r.seconds.max, reached: `${r.reached}/${r.runs}` }] : []),
  ]);
  const lines = ratioLines(speedClaims);
  const ratio = lines.join('; ');
  const y = { field: 'variant', type: 'nominal', title: null };
  const spec = {
    ...baseSpec(`Time to ${reached[0]!.targetPercent}% training top-1 error`, lines),
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
  return { id: 'time-to-target', title: 'Time to target', caption: `Fractional epochs and seconds until the training top-1 error over the steps since the previous log point first reaches the target (runs that never reach it are not in the bars; the claims count them as censored). ${ratio}.`, spec };
}
