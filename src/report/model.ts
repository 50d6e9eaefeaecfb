/**
 * The report model: every number the report shows, in one plain object. report.json is this
 * object; the tables, charts and HTML are views of it. Built from result files only.
 */
import { aggregateVariants, runGap, type VariantAggregate } from './aggregate.js';
import { evaluateClaims, VERDICT_RULE, type ClaimResult } from './claims.js';
import type { ExperimentResults } from './results-view.js';
import type { EnsembleResult } from '../results/read-results.js';
import { loadReference, referenceRow, type ReferenceRow } from '../paper/reference.js';
import { ablationEffects, engineCount, learningCurves, throughput, timeToTarget, variantLabel, type CurvePoint, type EffectRow, type ThroughputRow, type TimeToTargetRow } from './measures.js';
import { reportCitation } from './citation.js';
import { compareReference, resultsDataset, type ReferenceComparison, type ResultsDataset } from './reference-rows.js';
import { lrnActivityRows, type LrnActivityRow } from './lrn-activity.js';
import { join } from 'node:path';
import { studyModel, type StudyModel } from './study/index.js';
import type { PerfMeasurement } from '../results/perf-measurements.js';
import { findings, type Finding } from './findings/index.js';

/** 2: claims per experiment with protocols and two kinds of verdict, reference comparisons, failures, LRN activity. */
export const REPORT_FORMAT_VERSION = 2;

export interface ExperimentSection {
  name: string;
  description: string;
  folder: string;
  reference: ReferenceRow;
  /** Says what kind of row the reference is and what it may be compared with. */
  referenceNote: string;
  /** The data set of its runs, as reference rows are matched on. */
  dataset: ResultsDataset;
  /** What the reference row is set against here, and whether it is of the same data set. */
  comparison: ReferenceComparison;
  variants: VariantAggregate[];
  ensembles: EnsembleResult[];
  /** Runs (or metrics) that are not in the numbers, with why. */
  gaps: string[];
  /** Runs counted as failures of the model (100% error), with why. */
  failures: string[];
}

export interface ReportModel {
  version: typeof REPORT_FORMAT_VERSION;
  source: string;
  experiments: ExperimentSection[];
  thirdParty: ReferenceRow[];
  curves: CurvePoint[];
  effects: EffectRow[];
  timeToTarget: TimeToTargetRow[];
  throughput: ThroughputRow[];
  lrnActivity: LrnActivityRow[];
  claims: ClaimResult[];
  verdictRule: string;
  provenance: { engines: string[]; devices: string[]; commits: string[]; seeds: number[]; runs: number; completed: number };
  /** The exact command that regenerates this report. */
  regenerate: string;
  citation: { bibtex: string[]; resultSetSha256: string | null };
  /**
   * The study's four questions, and one paragraph per question and per claim written from
   * the numbers above; both absent (and the report as before them) when no paragraph has
   * data to state.
   */
  study?: StudyModel;
  findings?: Finding[];
}

function uniqueSorted<T extends string | number>(values: T[]): T[] {
  return [...new Set(values)].sort((a, b) => (typeof a === 'number' ? (a as number) - (b as number) : String(a).localeCompare(String(b), 'en')));
}

function section(e: ExperimentResults): ExperimentSection {
  const reference = referenceRow(e.reference, `${join(e.dir, 'experiment.resolved.json')}: "reference"`);
  const variants = aggregateVariants([e]);
  const gaps = variants.flatMap((v) => v.gaps);
  if (!e.runs.some((r) => runGap(r) === null)) gaps.push(`${e.dir}: no completed run with validation metrics; every number of this experiment is missing`);
  const dataset = resultsDataset(e);
  const comparison = compareReference(reference, { dataset, variants, ensembles: e.ensembles });
  return { name: e.name, description: e.description, folder: e.folder, reference, referenceNote: comparison.note, dataset, comparison, variants, ensembles: e.ensembles, gaps, failures: variants.flatMap((v) => v.failures) };
}

/** Shell-quotes an argument only when it needs it, so the usual command reads as typed. */
function shellArg(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function regenerateCommand(folders: readonly string[], out: string): string {
  return `npx bench report ${[...folders, '--out', out].map(shellArg).join(' ')}`;
}

export function buildModel(experiments: ExperimentResults[], opts: { folders: readonly string[]; out: string; perf?: readonly PerfMeasurement[] }): ReportModel {
  const ref = loadReference();
  const runs = experiments.flatMap((e) => e.runs);
  // A diverged run counts in the numbers (as a failed model) but did not complete.
  const done = runs.filter((r) => r.state === 'completed');
  const citation = reportCitation(experiments);
  const claims = evaluateClaims(ref.claims, experiments);
  const study = studyModel(experiments, opts.perf ?? []);
  const written = findings(study, ref.claims, claims);
  return {
    version: REPORT_FORMAT_VERSION,
    source: ref.source,
    experiments: experiments.map(section),
    thirdParty: ref.rows.filter((r) => r.thirdParty),
    curves: experiments.flatMap(learningCurves),
    effects: experiments.flatMap(ablationEffects),
    timeToTarget: experiments.flatMap(timeToTarget),
    throughput: throughput(experiments),
    lrnActivity: experiments.flatMap((e) => lrnActivityRows(e, (r) => variantLabel(r, engineCount(e)))),
    claims,
    verdictRule: VERDICT_RULE,
    provenance: {
      engines: uniqueSorted(runs.map((r) => r.engine)),
      devices: uniqueSorted(runs.map((r) => r.device)),
      commits: uniqueSorted(runs.map((r) => r.commit ?? 'unknown')),
      seeds: uniqueSorted(runs.map((r) => r.seed)),
      runs: runs.length,
      completed: done.length,
    },
    regenerate: regenerateCommand(opts.folders, opts.out),
    citation,
    ...(written.some((f) => f.tested) ? { study, findings: written } : {}),
  };
}
