/**
 * What a paper row may be set against. A row is like for like only with results of its kind:
 * the same data set, the same crop (centre-crop results against centre-crop rows, ten-crop
 * against ten-crop), and for an ensemble row only `bench eval --ensemble` records with the
 * same number of nets. A row of another data set is shown, marked "not comparable".
 */
import type { ReferenceRow } from '../paper/reference.js';
import type { EnsembleResult } from '../results/read-results.js';
import type { ExperimentResults } from './results-view.js';
import type { VariantAggregate } from './aggregate.js';
import { datasetText } from './claim-setting.js';

export interface ReferenceComparison {
  /** False when the row is of another data set than the results. */
  sameDataset: boolean;
  /** The results' data set in words. */
  resultsDataset: string;
  /** What the row is set against here, in a few words ("single nets, ten-crop"), or "nothing". */
  against: string;
  /** The whole statement, for the text, the figure caption and the LaTeX caption. */
  note: string;
}

/** Paper data set names per `dataset.format`; ImageNet folders count only with all 1000 classes. */
const FORMAT_DATASETS: Record<string, { names: RegExp; classes: number | null }> = {
  'imagenet-folder': { names: /^ILSVRC-/, classes: 1000 },
  cifar10: { names: /^CIFAR-10$/, classes: null },
  'fashion-mnist': { names: /^Fashion-MNIST$/, classes: null },
};

/** The data set of some results, in the terms rows are matched on. */
export interface ResultsDataset {
  format: string | null;
  classes: number | null;
  /** In words: "synthetic (10 classes)". */
  label: string;
}

export function resultsDataset(e: ExperimentResults): ResultsDataset {
  const known = e.runs.find((r) => r.setting.dataset.format !== null)?.setting.dataset;
  const format = known?.format ?? e.datasetFormat;
  const classes = known?.classes ?? null;
  return { format, classes, label: datasetText(format, classes) };
}

export function sameDataset(row: ReferenceRow, format: string | null, classes: number | null): boolean {
  const d = format === null ? undefined : FORMAT_DATASETS[format];
  if (!d || !d.names.test(row.dataset)) return false;
  return d.classes === null || classes === d.classes;
}

const cropText = (crop: string) => (crop === 'centre' ? 'centre crop' : 'ten-crop');

function likeForLike(row: ReferenceRow, variants: VariantAggregate[], ensembles: EnsembleResult[]): { against: string; text: string } {
  const crop = cropText(row.crop);
  if (row.nets === 0) return { against: 'nothing (a non-CNN baseline)', text: 'This reference is a non-CNN baseline, shown for orientation.' };
  if (row.nets > 1) {
    const matching = ensembles.filter((e) => e.memberCount === row.nets && e.crop === row.crop);
    const like = matching.length
      ? `the ${crop} ensembles of ${row.nets} nets below (${matching.map((e) => e.id).join(', ')}) are the like-for-like comparison`
      : `no ${crop} ensemble of ${row.nets} nets was evaluated (bench eval --ensemble), so nothing here is like for like`;
    return { against: matching.length ? `ensembles of ${row.nets} nets, ${crop}` : 'nothing', text: `This reference is an ensemble of ${row.nets} nets averaged (${crop}); single-net variants are NOT like for like with it; ${like}.` };
  }
  const has = variants.some((v) => (row.crop === 'centre' ? v.valTop1 ?? v.valTop5 : v.tenCropTop1 ?? v.tenCropTop5) !== null);
  const like = has ? `it is set against the ${crop} errors of single nets` : `no single net here was evaluated with a ${crop}${row.crop === 'ten-crop' ? ' (evaluation.tenCrop)' : ''}, so nothing here is like for like`;
  const others = [...(row.crop === 'ten-crop' ? ['centre-crop errors'] : ['ten-crop errors']), ...(ensembles.length ? ['ensemble rows'] : [])];
  return { against: has ? `single nets, ${crop}` : 'nothing', text: `This reference is a single net (${crop}); ${like}; ${others.join(' and ')} are not like for like with it.` };
}

/** What the results of one experiment (its data set, variants and ensembles) can be set against in `row`. */
export function compareReference(row: ReferenceRow, results: { dataset: ResultsDataset; variants: VariantAggregate[]; ensembles: EnsembleResult[] }): ReferenceComparison {
  const d = results.dataset;
  const same = sameDataset(row, d.format, d.classes);
  const like = likeForLike(row, results.variants, results.ensembles);
  if (same) return { sameDataset: true, resultsDataset: d.label, against: like.against, note: like.text };
  return {
    sameDataset: false,
    resultsDataset: d.label,
    against: `not comparable (${row.dataset} vs ${d.label})`,
    note: `NOT comparable: the row is on ${row.dataset}, these results on ${d.label}; it is shown for orientation only. ${like.text}`,
  };
}
