/**
 * Final top-1 and top-5 validation error per variant (mean, min-max bar over seeds), the
 * experiment's ensembles, and the paper's reference row as a rule. When the reference is an
 * ensemble the subtitle says single nets are not like for like with it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentSection } from '../model.js';
import { baseSpec, slug, type Chart } from './common.js';

const METRIC_LABEL = { top1: 'top-1', top5: 'top-5' } as const;

export function finalErrorsChart(section: ExperimentSection): Chart | null {
  const bars = section.variants.flatMap((v) =>
    (['top1', 'top5'] as const).flatMap((m) => {
      const s = m === 'top1' ? v.valTop1 : v.valTop5;
      return s ? [{ kind: 'single net', label: v.variant, metric: METRIC_LABEL[m], mean: s.mean, min: s.min, max: s.max, seeds: s.n }] : [];
    }),
  );
  const ensembles = section.ensembles.flatMap((e) =>
    (['top1', 'top5'] as const).map((m) => ({ kind: `ensemble`, label: `ensemble of ${e.memberCount} (${e.crop})`, metric: METRIC_LABEL[m], mean: e.errors[m] * 100, min: e.errors[m] * 100, max: e.errors[m] * 100, seeds: e.memberCount })),
  );
  if (bars.length + ensembles.length === 0) return null;
  const ref = section.reference;
  const rules = (['top1', 'top5'] as const).flatMap((m) => (ref[m] === null ? [] : [{ kind: 'reference', label: ref.label, metric: METRIC_LABEL[m], reference: ref[m] }]));
  const y = { field: 'label', type: 'nominal', title: null };
  const x = { field: 'mean', type: 'quantitative', title: 'validation error (%)', scale: { zero: true } };
  const spec = {
    ...baseSpec(`${section.name}: final validation error`, [`red rule: paper, ${ref.label}`, ...(ref.nets > 1 ? [`single nets vs a ${ref.nets}-net ensemble row: NOT like for like (see the caption)`] : [])]),
    data: { values: [...bars, ...ensembles, ...rules] },
    facet: { field: 'metric', type: 'nominal', title: null, sort: ['top-1', 'top-5'] },
    spec: {
      width: 260,
      height: { step: 22 },
      layer: [
        { transform: [{ filter: "datum.kind !== 'reference'" }], mark: { type: 'rule' }, encoding: { y, x: { field: 'min', type: 'quantitative' }, x2: { field: 'max' } } },
        { transform: [{ filter: "datum.kind !== 'reference'" }], mark: { type: 'point', filled: true, size: 60 }, encoding: { y, x, shape: { field: 'kind', type: 'nominal', title: null }, color: { field: 'kind', type: 'nominal', title: null } } },
        { transform: [{ filter: "datum.kind === 'reference'" }], mark: { type: 'rule', color: '#c00', strokeDash: [4, 3] }, encoding: { x: { field: 'reference', type: 'quantitative' } } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as unknown as TopLevelSpec;
  return {
    id: `final-errors-${slug(section.name)}`,
    title: `${section.name}: final validation error`,
    caption: `Mean final validation error over seeds (bar: min to max); red dashed rule: the paper's ${ref.label}. ${section.referenceNote}`,
    spec,
  };
}
