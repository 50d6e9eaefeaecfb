/**
 * ValidatedExperiment -> ResolvedExperiment: every default made explicit and the matrix
 * expanded into one ResolvedRun per (variant, seed); a run that several grids give is one run. A ResolvedRun is all a run needs,
 * so it is what gets saved beside the results and what the run id hashes.
 */
import { createHash } from 'node:crypto';
import type { AlexNetConfig } from '../models/config.js';
import { InputError } from '../core/errors.js';
import { canonicalJson } from '../core/canonical-json.js';
import { DEFAULT_SCHEDULE_TYPE, EARLY_STOPPING_DEFAULTS, EVALUATION_DEFAULTS, SCHEDULE_DEFAULTS, TRAINING_DEFAULTS } from './defaults.js';
import { expandMatrix, type AxisValues, type MatrixPoint } from './matrix.js';
import { at, validationMessages as m } from './messages.js';
import { baseAxisValues } from './base-axis-values.js';
import { resolveModel, type ModelPreset, type ModelProblem } from './resolve-model.js';
import { resolveAugment, type ResolvedAugment } from './resolve-augment.js';
export type { ResolvedAugment } from './resolve-augment.js';
import type { EarlyStopping, EvaluationSpec, Experiment, RegressionSpec, Schedule, TrainingSpec } from './types.js';
import type { ValidatedExperiment } from './validate.js';
import { loadReference } from '../paper/reference.js';

export { canonicalJson } from '../core/canonical-json.js';
export { resolveDataset } from '../data/index.js';
import { resolveDataset, type ResolvedDataset } from '../data/index.js';
import { checkSyntheticFits } from './synthetic-fits.js';

/** A learning-rate schedule with every default explicit (src/train/schedule.ts runs it). */
export type ResolvedSchedule =
  | { type: 'constant' }
  | { type: 'step'; everyEpochs: number; factor: number }
  | { type: 'plateau'; factor: number; patience: number; maxReductions: number; threshold: number };

export interface ResolvedTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  momentum: number;
  weightDecay: number;
  schedule: ResolvedSchedule;
  logEverySteps: number;
  /** Steps between mid-epoch checkpoints; null: checkpoints at epoch ends only. */
  checkpointEverySteps: number | null;
  /** false: every epoch is trained; else stop after `patience` evaluated epochs without improvement (src/train/early-stopping.ts). */
  earlyStopping: ResolvedEarlyStopping;
}

export type ResolvedEarlyStopping = false | { patience: number; restoreBest: boolean };

export interface ResolvedEvaluation {
  topK: number[];
  everyEpochs: number;
  /** Also evaluate with the paper's 10 patches (softmax averaged). */
  tenCrop: boolean;
  /** Training images also evaluated in evaluation mode at every evaluation (split "train-eval"); 0: none. */
  trainEvalImages: number;
}

export interface ResolvedRun {
  schemaVersion: 1;
  experiment: string;
  /** Stable label of the matrix point, e.g. "activation=tanh,normalization=none"; "base" without a matrix. */
  variant: string;
  /**
   * This run's value on every axis any matrix grid names ({} without a matrix): its grid's
   * value, else the base's effective one (src/experiment/base-axis-values.ts).
   */
  axes: Record<string, unknown>;
  seed: number;
  dataset: ResolvedDataset;
  model: AlexNetConfig;
  /**
   * The declared variant `model` was resolved from and the width factor applied. Descriptive:
   * `model` alone builds the net, and the run id hashes `model`, not this.
   */
  preset: ModelPreset;
  training: ResolvedTraining;
  augment: ResolvedAugment;
  evaluation: ResolvedEvaluation;
}

export interface ResolvedExperiment {
  schemaVersion: 1;
  name: string;
  description: string;
  /** Id of the paper reference row the report compares against (src/paper/paper-reference.json). */
  reference: string;
  /** The experiment file, as given on the command line. */
  source: string;
  runs: ResolvedRun[];
  /** The experiment's compare tolerances, as written (read by `bench baseline update`). */
  regression?: RegressionSpec;
}


export function resolveSchedule(spec: Schedule | undefined): ResolvedSchedule {
  const schedule = spec ?? { type: DEFAULT_SCHEDULE_TYPE };
  switch (schedule.type) {
    case 'constant':
      return { type: 'constant' };
    case 'step':
      return { type: 'step', everyEpochs: schedule.everyEpochs, factor: schedule.factor ?? SCHEDULE_DEFAULTS.step.factor };
    case 'plateau':
      return {
        type: 'plateau',
        factor: schedule.factor ?? SCHEDULE_DEFAULTS.plateau.factor,
        patience: schedule.patience ?? SCHEDULE_DEFAULTS.plateau.patience,
        maxReductions: schedule.maxReductions ?? SCHEDULE_DEFAULTS.plateau.maxReductions,
        threshold: schedule.threshold ?? SCHEDULE_DEFAULTS.plateau.threshold,
      };
  }
}

export function resolveTraining(spec: TrainingSpec, axes: AxisValues = {}): ResolvedTraining {
  return {
    epochs: spec.epochs,
    batchSize: axes.batchSize ?? spec.batchSize ?? TRAINING_DEFAULTS.batchSize,
    learningRate: axes.learningRate ?? spec.learningRate ?? TRAINING_DEFAULTS.learningRate,
    momentum: spec.momentum ?? TRAINING_DEFAULTS.momentum,
    weightDecay: axes.weightDecay ?? spec.weightDecay ?? TRAINING_DEFAULTS.weightDecay,
    schedule: resolveSchedule(spec.schedule),
    logEverySteps: spec.logEverySteps ?? TRAINING_DEFAULTS.logEverySteps,
    checkpointEverySteps: spec.checkpointEverySteps ?? null,
    earlyStopping: resolveEarlyStopping(axes.earlyStopping ?? spec.earlyStopping),
  };
}

export function resolveEarlyStopping(spec: EarlyStopping | undefined): ResolvedEarlyStopping {
  const given = spec ?? TRAINING_DEFAULTS.earlyStopping;
  if (given === false) return false;
  return { patience: given.patience, restoreBest: given.restoreBest ?? EARLY_STOPPING_DEFAULTS.restoreBest };
}

/**
 * The default top-k list keeps only the k below the class count: with k >= classes every
 * label is in the top k, so that error is 0 by construction (top-5 of a 4-class set).
 * A list given in the file is checked instead (semantic-checks.ts).
 */
export function resolveEvaluation(spec: EvaluationSpec | undefined, classes: number): ResolvedEvaluation {
  return {
    topK: [...(spec?.topK ?? EVALUATION_DEFAULTS.topK.filter((k) => k < classes))],
    everyEpochs: spec?.everyEpochs ?? EVALUATION_DEFAULTS.everyEpochs,
    tenCrop: spec?.tenCrop ?? EVALUATION_DEFAULTS.tenCrop,
    trainEvalImages: spec?.trainEvalImages ?? EVALUATION_DEFAULTS.trainEvalImages,
  };
}

interface PointResult {
  point: MatrixPoint;
  model?: AlexNetConfig;
  preset?: ModelPreset;
  training: ResolvedTraining;
  augment: ResolvedAugment;
  problems: ModelProblem[];
}

/**
 * Problems as messages: one per distinct problem; one that only some matrix variants
 * have names them, so that N variants do not repeat one line N times.
 */
function problemMessages(file: string, results: PointResult[]): string[] {
  const byText = new Map<string, { problem: ModelProblem; labels: Set<string> }>();
  for (const r of results) {
    for (const problem of r.problems) {
      const key = `${problem.pointer}\n${problem.text('')}`;
      const entry = byText.get(key) ?? { problem, labels: new Set<string>() };
      entry.labels.add(r.point.label);
      byText.set(key, entry);
    }
  }
  // Two grids may give the same variant: count variants, not points.
  const variants = new Set(results.map((r) => r.point.label)).size;
  return [...byText.values()].map(({ problem, labels }) => {
    const everyVariant = labels.size === variants;
    const suffix = problem.perVariant && !everyVariant ? m.inVariant([...labels].join('; ')) : '';
    return problem.text(`${at(file, problem.pointer)}${suffix}`);
  });
}

/** What makes two points the same run (the data, evaluation and seeds are shared by all). */
function runKey(r: PointResult): string {
  return canonicalJson({ model: r.model, training: r.training, augment: r.augment });
}

/**
 * Two points of ONE grid that give identical runs (e.g. lrn {} and {"k": 2}) are a mistake in
 * that grid; the same run from two grids is the grids sharing a corner (see uniqueRuns).
 */
function sameRunProblems(file: string, results: PointResult[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const r of results) {
    const key = `${r.point.gridPointer}\n${runKey(r)}`;
    const first = seen.get(key);
    if (first !== undefined) problems.push(m.sameRuns(at(file, r.point.gridPointer), first, r.point.label));
    else seen.set(key, r.point.label);
  }
  return problems;
}

/** Each distinct run once, where it first appears. */
function uniqueRuns(results: PointResult[]): PointResult[] {
  const seen = new Set<string>();
  return results.filter((r) => {
    const key = runKey(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function resolveExperiment(v: ValidatedExperiment): ResolvedExperiment {
  const e: Experiment = v.experiment;
  const dataset = resolveDataset(e.dataset);
  const evaluation = resolveEvaluation(e.evaluation, dataset.classes);
  const results: PointResult[] = expandMatrix(e.matrix, baseAxisValues(e)).map((point) => {
    const { config, preset, problems } = resolveModel({ spec: e.model, point, classes: dataset.classes, imageSize: dataset.imageSize });
    return { point, model: config, preset, training: resolveTraining(e.training, point.axes), augment: resolveAugment(e.augment, point.axes), problems };
  });
  const tooLarge = dataset.format === 'synthetic' ? checkSyntheticFits(v.source, dataset) : [];
  // Early stopping watches top-1 error: without it, it would silently never stop.
  const stopsWithoutTop1 = !evaluation.topK.includes(1) && results.some((r) => r.training.earlyStopping !== false);
  const problems = [...tooLarge, ...(stopsWithoutTop1 ? [m.earlyStoppingNeedsTop1(at(v.source, '/evaluation/topK'), evaluation.topK)] : []), ...problemMessages(v.source, results)];
  if (!problems.length) problems.push(...sameRunProblems(v.source, results));
  if (problems.length) throw new InputError(problems.join('\n'));
  const runs = uniqueRuns(results).flatMap((r) =>
    e.seeds.map((seed): ResolvedRun => ({
      schemaVersion: 1,
      experiment: e.name,
      variant: r.point.label,
      axes: { ...r.point.recorded },
      seed,
      dataset: { ...dataset },
      model: r.model as AlexNetConfig,
      preset: { ...(r.preset as ModelPreset) },
      training: r.training,
      augment: r.augment,
      evaluation: { ...evaluation, topK: [...evaluation.topK] },
    })),
  );
  return { schemaVersion: 1, name: e.name, description: e.description ?? '', reference: e.reference ?? loadReference().defaultRow, source: v.source, runs, ...(e.regression ? { regression: { ...e.regression } } : {}) };
}

/** Hex characters of the sha256 kept in a run id: 48 bits, ample for one results folder. */
const RUN_ID_HEX_CHARS = 12;

/**
 * The run's identity: a hash of everything that changes its numbers (data, model,
 * training, evaluation, seed) and of the engine (backends differ in the last bits). Not
 * the experiment name, variant label or source path: renaming a file or an experiment
 * must not orphan finished runs.
 */
export function runId(run: ResolvedRun, engine: string): string {
  return configHash(run, engine).slice(0, RUN_ID_HEX_CHARS);
}

/**
 * Keys added to the resolved run after runs had been recorded, with the value every such
 * run had (they did not exist, so they were off). A key holding that value is left out of
 * the hash, so runs recorded before it existed keep their ids, results and baselines.
 */
const ADDED_KEYS = {
  dataset: { holdout: null },
  training: { earlyStopping: false },
  evaluation: { trainEvalImages: 0 },
} as const;

/** `part` without the added keys that hold their "off" value (absent counts as off: a run file written before them). */
function withoutAddedDefaults<T extends object>(part: T, added: Record<string, unknown>): Partial<T> {
  return Object.fromEntries(Object.entries(part).filter(([key, value]) => !(key in added) || (value ?? null) !== added[key])) as Partial<T>;
}

/**
 * The full sha256 behind the run id. Checkpointing is left out: when checkpoints are
 * written never changes the numbers, so changing it must not orphan a run or its checkpoints.
 */
export function configHash(run: ResolvedRun, engine: string): string {
  const { checkpointEverySteps: _checkpointing, ...training } = run.training;
  const identity = {
    dataset: withoutAddedDefaults(run.dataset, ADDED_KEYS.dataset),
    model: run.model,
    training: withoutAddedDefaults(training, ADDED_KEYS.training),
    augment: run.augment,
    evaluation: withoutAddedDefaults(run.evaluation, ADDED_KEYS.evaluation),
    seed: run.seed,
    engine,
  };
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}
