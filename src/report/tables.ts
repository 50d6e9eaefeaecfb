/**
 * The report's tables as plain text cells (unescaped): markdown.ts and html.ts escape every
 * cell for their format, so the two show the same numbers digit for digit.
 */
import type { ExperimentSection, ReportModel } from './model.js';
import type { ReferenceRow } from '../paper/reference.js';
import type { ClaimResult } from './claims.js';
import { compareReference } from './reference-rows.js';
import { claimMean, fixed, interval, meanStd, METRIC_NAME, openInterval } from './format.js';

export interface Table {
  head: string[];
  rows: string[][];
}

/** Ten-crop columns appear only where some variant was evaluated with the ten patches. */
export function hasTenCrop(s: ExperimentSection): boolean {
  return s.variants.some((v) => v.tenCropTop1 !== null || v.tenCropTop5 !== null);
}

export function variantTable(s: ExperimentSection): Table {
  const ten = hasTenCrop(s);
  return {
    head: ['variant', 'engine', 'seeds', 'val top-1 error (%)', 'val top-5 error (%)', ...(ten ? ['ten-crop top-1 (%)', 'ten-crop top-5 (%)'] : []), 'images/s'],
    rows: s.variants.map((v) => [
      v.variant,
      v.engine,
      v.seeds.length ? v.seeds.join(', ') : 'none',
      meanStd(v.valTop1),
      meanStd(v.valTop5),
      ...(ten ? [meanStd(v.tenCropTop1), meanStd(v.tenCropTop5)] : []),
      meanStd(v.imagesPerSecond, '±', 0),
    ]),
  };
}

export function ensembleTable(s: ExperimentSection): Table {
  return {
    head: ['ensemble', 'nets', 'crop', 'split', 'top-1 error (%)', 'top-5 error (%)', 'engine'],
    rows: s.ensembles.map((e) => [e.id, String(e.memberCount), e.crop, e.split, fixed(e.errors.top1 * 100), fixed(e.errors.top5 * 100), e.engine]),
  };
}

/** What each shown row is set against in each experiment ("not comparable (...)" for another data set). */
function againstText(row: ReferenceRow, model: ReportModel): string {
  const many = model.experiments.length > 1;
  return model.experiments.map((e) => `${many ? `${e.name}: ` : ''}${compareReference(row, e).against}`).join('; ');
}

export function referenceTable(rows: ReferenceRow[], model: ReportModel): Table {
  return {
    head: ['reference row', 'where', 'nets', 'split', 'crop', 'top-1 error (%)', 'top-5 error (%)', 'set against'],
    rows: rows.map((r) => [r.label, r.where, r.nets === 0 ? 'not a CNN' : String(r.nets), r.split, r.crop, fixed(r.top1, 1), fixed(r.top5, 1), againstText(r, model)]),
  };
}

/** The experiments' own reference rows, then the third-party reproductions. */
export function shownReferences(model: ReportModel): ReferenceRow[] {
  return [...new Map(model.experiments.map((e) => [e.reference.id, e.reference])).values(), ...model.thirdParty];
}

export function effectTable(model: ReportModel): Table {
  return {
    head: ['experiment', 'contrast', 'metric', 'seeds', 'contexts', 'measured (points)', '95% interval', 'paper (points)'],
    rows: model.effects.map((e) => [e.experiment, e.contrast, METRIC_NAME[e.metric], String(e.seeds), String(e.contexts), fixed(e.mean), interval(e.low === null ? null : { low: e.low, high: e.high! }), fixed(e.paper, 1)]),
  };
}

export function timeTable(model: ReportModel): Table {
  return {
    head: ['experiment', 'variant', 'activation', 'reached', 'epochs', 'seconds', 'from'],
    rows: model.timeToTarget.map((r) => [r.experiment, r.variant, r.activation, `${r.reached}/${r.runs}`, meanStd(r.epochs), meanStd(r.seconds, '±', 1), r.source]),
  };
}

/** A claim's value with its unit: "1.4 points", "6x". */
export function withUnit(c: Pick<ClaimResult, 'unit'>, text: string): string {
  if (text === '-' || text === 'unbounded') return text;
  return c.unit === 'x' ? `${text}x` : c.unit === 'points' ? `${text} ${text === '1' ? 'point' : 'points'}` : text;
}

/** The "why" of a claim row: the reason, the contexts averaged, the tuned values, the censored and failed runs. */
export function claimWhy(c: ClaimResult): string {
  const parts = [c.note];
  if (c.contexts.length > 1) parts.push(`contexts averaged within each seed: ${c.contexts.join('; ')}`);
  else if (c.contexts.length === 1 && c.contexts[0] !== 'base') parts.push(`context: ${c.contexts[0]}`);
  if (c.chosen.length) parts.push(`tuned per side (the same seeds chose and measured): ${c.chosen.join('; ')}`);
  if (c.censored.length) parts.push(`counted, not dropped: ${c.censored.join('; ')}`);
  return parts.join('. ');
}

/** The claims table of some claim rows (every row of the report, or a question's). */
export function claimRowsTable(claims: readonly ClaimResult[]): Table {
  return {
    head: ['claim', 'where', 'experiment', 'paper', 'measured', '95% interval', 'seeds', 'verdict', 'protocol here', "paper's protocol", 'why'],
    rows: claims.map((c) => [
      c.text,
      c.where,
      c.experiment ?? '-',
      c.paper === null ? '-' : withUnit(c, String(c.paper)),
      withUnit(c, claimMean(c.measured)),
      openInterval(c.measured),
      c.measured ? String(c.measured.n) : '0',
      c.verdictText,
      c.protocol || '-',
      c.paperProtocol,
      claimWhy(c),
    ]),
  };
}

export function claimTable(model: ReportModel): Table {
  return claimRowsTable(model.claims);
}

export function lrnTable(model: ReportModel): Table {
  return {
    head: ['experiment', 'variant', 'alpha reading', 'layer', 'mean factor', '95th percentile', 'recorded'],
    rows: model.lrnActivity.map((r) => [r.experiment, r.variant, r.alphaReading, r.layer, fixed(r.mean), fixed(r.p95), `${r.recorded}/${r.runs}`]),
  };
}

export function provenanceItems(model: ReportModel): string[] {
  const p = model.provenance;
  return [`Engines: ${p.engines.join(', ')}`, `Devices: ${p.devices.join(', ')}`, `Commits: ${p.commits.join(', ')}`, `Seeds: ${p.seeds.join(', ')}`, `Runs: ${p.completed} completed of ${p.runs}`];
}
