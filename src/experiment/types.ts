/**
 * Experiment file types: the single source of truth for experiments/schema.json.
 *
 * `npm run schema` generates the JSON Schema from `Experiment` (ts-json-schema-generator);
 * test/experiment/schema.test.ts fails when the committed schema drifts from these
 * types. JSDoc tags (@minimum, @default, @pattern, ...) become schema keywords, so keep
 * them accurate: they are what `bench validate` enforces.
 *
 * Three stages have their own types:
 *   Experiment (raw, what users write; many fields optional)
 *   -> ResolvedExperiment / ResolvedRun (every default explicit; saved beside the results)
 *   -> run records (src/results).
 *
 * Model variants, activations and data sets each come from one registry (VARIANT_PRESETS,
 * ACTIVATIONS, DATA_SOURCES); the types derive from them, and scripts/schema.ts teaches the
 * generator to read them. The parts of an experiment live beside this file
 * (model-types.ts, training-types.ts, augment-types.ts; data sets in src/data) and are
 * re-exported here; this file holds evaluation, the matrix and the experiment itself.
 */

import type { PositiveInteger, Seed } from '../core/primitives.js';

export type {
  Activation, DropoutRate, InitStd, LrnAlphaReading, LrnSpec, ModelSpec, ModelVariant, Normalization, Pooling, StemSpec, Towers, WidthFactor,
} from './model-types.js';
import type { Activation, DropoutRate, InitStd, LrnSpec, ModelSpec, ModelVariant, Normalization, Pooling, Towers, WidthFactor } from './model-types.js';
export type {
  ConstantSchedule, EarlyStopping, EarlyStoppingSpec, LearningRate, PlateauSchedule, Schedule, StepSchedule, TrainingSpec, WeightDecay,
} from './training-types.js';
import type { EarlyStopping, LearningRate, TrainingSpec, WeightDecay } from './training-types.js';
export type { AugmentSpec, LightingSpec } from './augment-types.js';
import type { AugmentSpec, LightingSpec } from './augment-types.js';
// One spec per data source, from the registry (src/data/sources/index.ts).
export type { DatasetSpec } from '../data/index.js';
import type { DatasetSpec } from '../data/index.js';

export interface EvaluationSpec {
  /**
   * Top-k error rates to report (paper: 1 and 5).
   * @minItems 1
   * @default [1, 5]
   */
  topK?: PositiveInteger[];
  /**
   * Evaluate on the validation split every this many epochs (and always after the last).
   * @asType integer
   * @minimum 1
   * @default 1
   */
  everyEpochs?: number;
  /**
   * Also report the paper's 10-patch test error (4 corners + centre, and their
   * reflections; softmax averaged), beside the centre-crop error (section 4.1).
   * @default false
   */
  tenCrop?: boolean;
  /**
   * At every evaluation also evaluate the first N training images (all, when there are
   * fewer) as the split "train-eval": in evaluation mode (centre crop, no dropout), unlike
   * the training error measured during the epoch, so it measures overfitting. 0: off.
   * @asType integer
   * @minimum 0
   * @default 0
   */
  trainEvalImages?: number;
}

/**
 * Axes whose cartesian product gives the variants to run: each key is a model, training or
 * augment field, each value the list of settings to try. An axis overrides the base value.
 */
export interface MatrixSpec {
  /** @minItems 1 */
  variant?: ModelVariant[];
  /** @minItems 1 */
  activation?: Activation[];
  /** @minItems 1 */
  normalization?: Normalization[];
  /** @minItems 1 */
  lrn?: LrnSpec[];
  /** @minItems 1 */
  towers?: Towers[];
  /** @minItems 1 */
  dropout?: DropoutRate[];
  /** @minItems 1 */
  pooling?: Pooling[];
  /** @minItems 1 */
  randomCrop?: boolean[];
  /** @minItems 1 */
  flip?: boolean[];
  /** @minItems 1 */
  lighting?: (boolean | LightingSpec)[];
  /** @minItems 1 */
  widthFactor?: WidthFactor[];
  /** @minItems 1 */
  initStd?: InitStd[];
  /** @minItems 1 */
  learningRate?: LearningRate[];
  /** @minItems 1 */
  weightDecay?: WeightDecay[];
  /** @minItems 1 */
  earlyStopping?: EarlyStopping[];
  /** @minItems 1 */
  batchSize?: PositiveInteger[];
}

/**
 * Several grids: the runs are the union of their cartesian products, in grid order. A run
 * that two grids both give is run once (where it first appears), so grids may share a
 * corner, e.g. the base setting of two one-axis studies.
 * @minItems 1
 */
export type MatrixGrids = MatrixSpec[];

export interface Experiment {
  /** Path or URL of experiments/schema.json, for editors. */
  $schema?: string;
  /**
   * Names the results folder: results/<name>/.
   * @pattern ^[a-z0-9][a-z0-9._-]*$
   */
  name: string;
  description?: string;
  /**
   * The paper row the report compares against (an id of src/paper/paper-reference.json,
   * e.g. "caffe-bvlc-alexnet"). Default: "ilsvrc2012-1cnn-val", the paper's single net on
   * ILSVRC-2012 val (Table 2: 40.7% top-1, 18.2% top-5, ten-crop). The report sets a row only
   * against results of its kind: the same data set, the same crop, and for an ensemble row
   * only `bench eval --ensemble` records with as many nets.
   */
  reference?: string;
  dataset: DatasetSpec;
  model: ModelSpec;
  training: TrainingSpec;
  augment?: AugmentSpec;
  evaluation?: EvaluationSpec;
  /**
   * Root seeds: every variant runs once per seed. Never 0 (tfjs treats 0 as "unseeded").
   * @minItems 1
   */
  seeds: Seed[];
  /**
   * One grid of axes, or a list of grids whose runs are pooled (see MatrixGrids). Every
   * run records a value for every axis any grid names, so runs of different grids pair.
   */
  matrix?: MatrixSpec | MatrixGrids;
  /** Tolerances for `bench compare` against a baseline of this experiment (docs/REGRESSION.md). */
  regression?: RegressionSpec;
}

/** Overrides of the default compare tolerances (src/regression/tolerance.ts). */
export interface RegressionSpec {
  /**
   * Fixed tolerance for error rates, in percentage points (used with one seed per variant).
   * @exclusiveMinimum 0
   * @default 2
   */
  errorPoints?: number;
  /**
   * With several seeds per variant: tolerance = max(errorFloorPoints, seedSpreadK * std over seeds).
   * @exclusiveMinimum 0
   * @default 3
   */
  seedSpreadK?: number;
  /**
   * Lowest spread-derived tolerance, in percentage points.
   * @minimum 0
   * @default 0.5
   */
  errorFloorPoints?: number;
  /**
   * Allowed relative drop in images per second (0.5 = may halve).
   * @exclusiveMinimum 0
   * @maximum 1
   * @default 0.5
   */
  throughputDrop?: number;
  /**
   * Whether a changed weight hash on a bit-exact engine is a regression.
   * @default true
   */
  exactWeights?: boolean;
}
