/**
 * The report's tables as plain text cells (unescaped): markdown.ts and html.ts escape every
 * cell for their format, so the two show the same numbers digit for digit.
 */
import type { ExperimentSection, ReportModel } from './model.js';
import type { ReferenceRow } from '../paper/reference.js';
import { fixed, interval, meanStd, METRIC_NAME } from './format.js';

export interface Table {
  head: string[];
  rows: string[][];
}

export function variantTable(s: ExperimentSection): Table {
  return {
    head: ['variant', 'engine', 'seeds', 'val top-1 error (%)', 'val top-5 error (%)', 'images/s'],
    rows: s.variants.map((v) => [v.variant, v.engine, v.seeds.length ? v.seeds.join(', ') : 'none', meanStd(v.valTop1), meanStd(v.valTop5), meanStd(v.imagesPerSecond, '±', 0)]),
  };
}

export function ensembleTable(s: ExperimentSection): Table {
  return {
    head: ['ensemble', 'nets', 'crop', 'split', 'top-1 error (%)', 'top-5 error (%)', 'engine'],
    rows: s.ensembles.map((e) => [e.id, String(e.memberCount), e.crop, e.split, fixed(e.errors.top1 * 100), fixed(e.errors.top5 * 100), e.engine]),
  };
}

export function referenceTable(rows: ReferenceRow[]): Table {
  return {
    head: ['reference row', 'where', 'nets', 'split', 'top-1 error (%)', 'top-5 error (%)'],
    rows: rows.map((r) => [r.label, r.where, r.nets === 0 ? 'not a CNN' : String(r.nets), r.split, fixed(r.top1, 1), fixed(r.top5, 1)]),
  };
}

/** The experiments' own reference rows, then the third-party reproductions. */
export function shownReferences(model: ReportModel): ReferenceRow[] {
  return [...new Map(model.experiments.map((e) => [e.reference.id, e.reference])).values(), ...model.thirdParty];
}

export function effectTable(model: ReportModel): Table {
  return {
    head: ['experiment', 'contrast', 'metric', 'pairs', 'measured (points)', '95% interval', 'paper (points)'],
    rows: model.effects.map((e) => [e.experiment, e.contrast, METRIC_NAME[e.metric], String(e.pairs), fixed(e.mean), interval(e.low === null ? null : { low: e.low, high: e.high! }), fixed(e.paper, 1)]),
  };
}

export function timeTable(model: ReportModel): Table {
  return {
    head: ['experiment', 'variant', 'activation', 'reached', 'epochs', 'seconds'],
    rows: model.timeToTarget.map((r) => [r.experiment, r.variant, r.activation, `${r.reached}/${r.runs}`, meanStd(r.epochs), meanStd(r.seconds, '±', 1)]),
  };
}

export function claimTable(model: ReportModel): Table {
  return {
    head: ['claim', 'where', 'paper', 'measured', '95% interval', 'pairs', 'verdict', 'why'],
    rows: model.claims.map((c) => [
      c.text,
      c.where,
      c.paper === null ? '-' : `${c.paper}${c.unit === 'x' ? 'x' : ' points'}`,
      c.measured ? `${fixed(c.measured.mean)}${c.unit === 'x' ? 'x' : ''}` : '-',
      interval(c.measured),
      c.measured ? String(c.measured.n) : '0',
      c.verdict,
      c.note,
    ]),
  };
}

export function provenanceItems(model: ReportModel): string[] {
  const p = model.provenance;
  return [`Engines: ${p.engines.join(', ')}`, `Devices: ${p.devices.join(', ')}`, `Commits: ${p.commits.join(', ')}`, `Seeds: ${p.seeds.join(', ')}`, `Runs: ${p.completed} completed of ${p.runs}`];
}
