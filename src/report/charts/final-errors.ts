/**
 * Final top-1 and top-5 validation error per variant (mean, min-max bar over seeds; centre
 * crop, and ten-crop where evaluated), the experiment's ensembles, and the paper's reference
 * row as a rule. The subtitle says which of the points the row is like for like with, and
 * marks a row of another data set "NOT comparable".
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ExperimentSection } from '../model.js';
import { baseSpec, slug, type Chart } from './common.js';

const METRIC_LABEL = { top1: 'top-1', top5: 'top-5' } as const;

export function finalErrorsChart(section: ExperimentSection): Chart | null {
  const ten = section.variants.some((v) => v.tenCropTop1 !== null || v.tenCropTop5 !== null);
  const bars = section.variants.flatMap((v) =>
    (['top1', 'top5'] as const).flatMap((m) => {
      const centre = m === 'top1' ? v.valTop1 : v.valTop5;
      const tenCrop = m === 'top1' ? v.tenCropTop1 : v.tenCropTop5;
      return [
        ...(centre ? [{ kind: ten ? 'single net, centre crop' : 'single net', label: v.variant, metric: METRIC_LABEL[m], mean: centre.mean, min: centre.min, max: centre.max, seeds: centre.n }] : []),
        ...(tenCrop ? [{ kind: 'single net, ten-crop', label: v.variant, metric: METRIC_LABEL[m], mean: tenCrop.mean, min: tenCrop.min, max: tenCrop.max, seeds: tenCrop.n }] : []),
      ];
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
  const c = section.comparison;
  const subtitle = [
    `red rule: paper, ${ref.label} (${ref.crop === 'centre' ? 'centre crop' : 'ten-crop'})`,
    c.sameDataset ? `like for like only with: ${c.against}` : `NOT comparable: the row is on ${ref.dataset}, these results on ${c.resultsDataset}`,
  ];
  const spec = {
    ...baseSpec(`${section.name}: final validation error`, subtitle),
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
