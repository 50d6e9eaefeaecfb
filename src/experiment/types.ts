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
 * ACTIVATIONS, DATA_SOURCES); the types below derive from them, and scripts/schema.ts
 * teaches the generator to read them.
 */

import type { PositiveInteger, Seed } from '../core/primitives.js';
import type { ACTIVATIONS } from '../models/activations.js';
import type { LRN_ALPHA_READINGS } from '../models/lrn.js';
import type { NORMALIZATIONS } from '../models/normalizations.js';
import type { VARIANT_PRESETS } from '../models/variants.js';

// The aliases below exist so that list items and matrix axes carry the same constraints
// as the single fields they stand for (the generator cannot put tags on array items).

/**
 * Dropout rate; 0 turns it off.
 * @minimum 0
 * @exclusiveMaximum 1
 */
export type DropoutRate = number;

/**
 * Multiplies every conv kernel count and FC width.
 * @exclusiveMinimum 0
 */
export type WidthFactor = number;

/**
 * Initial learning rate.
 * @exclusiveMinimum 0
 */
export type LearningRate = number;

/**
 * Standard deviation of the N(0, std) weight init.
 * @exclusiveMinimum 0
 */
export type InitStd = number;

/**
 * Weight decay (L2 coefficient in the update).
 * @minimum 0
 */
export type WeightDecay = number;

/** Activation after every conv and hidden FC layer (paper section 3.1: ReLU; tanh and sigmoid are the saturating ones it compares against). */
export type Activation = keyof typeof ACTIVATIONS;

/**
 * The normalization (src/models/normalizations.ts): "lrn" after the activation of the first
 * conv layers (paper section 3.3, with the parameters of `model.lrn`), "none", "batchnorm"
 * (batch normalization per channel before the activation of every conv layer, with
 * PyTorch's momentum 0.1 and epsilon 1e-5) or "lrn+batchnorm" (both).
 */
export type Normalization = keyof typeof NORMALIZATIONS;

/**
 * How LRN's alpha is read: "formula" multiplies each squared term by alpha, as the paper's
 * printed formula; "cuda-convnet" divides alpha by the window size n first, as the
 * authors' code (and Caffe) do: 2e-5 per term with the paper's numbers.
 */
export type LrnAlphaReading = keyof typeof LRN_ALPHA_READINGS;

/**
 * Max-pooling geometry (paper section 3.4): "overlapping" is z=3, s=2 as in the paper;
 * "non-overlapping" is the traditional z=2, s=2 it is compared against.
 */
export type Pooling = 'overlapping' | 'non-overlapping';

/** Number of "GPU" towers (paper section 3.2); 2 groups conv2, conv4 and conv5 (AlexNet layouts only). */
export type Towers = 1 | 2;

/**
 * Architecture presets: one builder, one small declared config each (src/models/variants.ts).
 * - "paper": the two-tower net of the paper (96-256-384-384-256, LRN, 2 towers).
 * - "paper-one-tower": the paper's one-GPU comparison net, half the kernels in each conv
 *   layer except the last (section 3.2), one tower.
 * - "owt": the 64-192-384-256-256 single-tower net of "One weird trick" / torchvision.
 * - "four-layer": the paper's CIFAR-10 net (figure 1, section 3.3): three 5x5 conv layers
 *   of 32-32-64 kernels and one dense layer (cuda-convnet's layers-18pct), 32 px input.
 */
export type ModelVariant = keyof typeof VARIANT_PRESETS;

/**
 * Local response normalisation's parameters (paper section 3.3), in the paper's notation:
 * b = a / (k + alpha * sum over n adjacent channels of a^2)^beta. Used when
 * `normalization` is "lrn" or "lrn+batchnorm"; values left out are the paper's.
 */
export interface LrnSpec {
  /**
   * @minimum 0
   * @default 2
   */
  k?: number;
  /**
   * Window size in channels (odd): tfjs depthRadius = (n - 1) / 2.
   * @asType integer
   * @minimum 1
   * @default 5
   */
  n?: number;
  /**
   * As configured; `alphaReading` says how it applies per squared term.
   * @exclusiveMinimum 0
   * @default 0.0001
   */
  alpha?: number;
  /**
   * @exclusiveMinimum 0
   * @default 0.75
   */
  beta?: number;
  /** @default "formula" */
  alphaReading?: LrnAlphaReading;
}

/** The first conv layer's geometry; small-image runs shrink it (paper: 11x11, stride 4). */
export interface StemSpec {
  /**
   * @asType integer
   * @minimum 1
   */
  kernelSize: number;
  /**
   * @asType integer
   * @minimum 1
   */
  stride: number;
  /**
   * Zero padding on every side, in pixels.
   * @asType integer
   * @minimum 0
   */
  padding: number;
}

export interface ModelSpec {
  /** @default "paper" */
  variant?: ModelVariant;
  /** @default "relu" */
  activation?: Activation;
  /**
   * LRN after the activation of conv1 and conv2, batch normalization before the activation
   * of every conv layer, both or none. Default: the variant's own ("lrn" for "paper" and
   * "paper-one-tower", "none" for "owt" and "four-layer").
   */
  normalization?: Normalization;
  /**
   * LRN's parameters when `normalization` uses LRN (default: the paper's, k=2, n=5,
   * alpha=1e-4, beta=0.75, alpha read as printed).
   */
  lrn?: LrnSpec;
  /** Default: the variant's own (2 for "paper", 1 otherwise). */
  towers?: Towers;
  /**
   * Dropout rate at fc6 and fc7 (paper section 4.2: 0.5); 0 turns it off. It acts on their
   * outputs in the paper's variants, on their inputs in "owt" (torchvision). Default: the
   * variant's own (0.5; 0 for "four-layer", which has no hidden dense layer).
   */
  dropout?: DropoutRate;
  /** @default "overlapping" */
  pooling?: Pooling;
  /**
   * Standard deviation of the N(0, std) weight init (paper section 5: 0.01). Narrow nets
   * for small-scale runs need a larger value: with few inputs per unit, 0.01 lets the
   * signal vanish layer by layer.
   * @default 0.01
   */
  initStd?: InitStd;
  /**
   * Initial bias of conv2, conv4, conv5, fc6 and fc7 (paper section 5: 1; Caffe's
   * bvlc_alexnet uses 0.1). The other biases start at 0.
   * @default 1
   */
  positiveBias?: number;
  /**
   * Kernels of each conv layer of the variant's layout (total over towers): 5 for the
   * AlexNet variants (conv1..conv5), 3 for "four-layer". Default: the variant's own.
   * @minItems 1
   * @maxItems 5
   */
  kernels?: PositiveInteger[];
  /**
   * Units of each hidden dense layer of the variant's layout: 2 for the AlexNet variants
   * (fc6, fc7; default [4096, 4096]), none for "four-layer".
   * @minItems 0
   * @maxItems 2
   */
  fcUnits?: PositiveInteger[];
  /**
   * Multiplies every conv kernel count and FC width (rounded, kept divisible by towers).
   * @default 1
   */
  widthFactor?: WidthFactor;
  /**
   * Square input size in pixels. Default: 227 for "paper" variants, 224 for "owt", 32 for "four-layer".
   * @asType integer
   * @minimum 8
   */
  inputSize?: number;
  /** Default: the variant's own (11x11 stride 4, padding 0 for "paper", 2 for "owt"; 5x5 stride 1 padding 2 for "four-layer"). */
  stem?: StemSpec;
}

export type { AugmentSpec, LightingSpec } from './augment-types.js';
import type { AugmentSpec, LightingSpec } from './augment-types.js';
// One spec per data source, from the registry (src/data/sources/index.ts).
export type { DatasetSpec } from '../data/index.js';
import type { DatasetSpec } from '../data/index.js';

export interface ConstantSchedule {
  type: 'constant';
}

/** Multiply the learning rate by `factor` every `everyEpochs` epochs. */
export interface StepSchedule {
  type: 'step';
  /**
   * @asType integer
   * @minimum 1
   */
  everyEpochs: number;
  /**
   * @exclusiveMinimum 0
   * @exclusiveMaximum 1
   * @default 0.1
   */
  factor?: number;
}

/**
 * The paper's schedule (section 5): divide the learning rate by 10 when the validation
 * error stops improving, at most `maxReductions` times (the paper: 3). The paper does not
 * say how "stops improving" was judged; the defaults ask for `patience` epochs in a row
 * without a drop of at least `threshold`, so that one noisy epoch does not spend a reduction.
 */
export interface PlateauSchedule {
  type: 'plateau';
  /**
   * @exclusiveMinimum 0
   * @exclusiveMaximum 1
   * @default 0.1
   */
  factor?: number;
  /**
   * Evaluated epochs in a row without improvement before a reduction.
   * @asType integer
   * @minimum 1
   * @default 3
   */
  patience?: number;
  /**
   * @asType integer
   * @minimum 0
   * @default 3
   */
  maxReductions?: number;
  /**
   * Smallest drop in validation top-1 error below the best so far that counts as an
   * improvement, as a fraction (0.001 = 0.1 points of top-1 error).
   * @minimum 0
   * @default 0.001
   */
  threshold?: number;
}

export type Schedule = ConstantSchedule | StepSchedule | PlateauSchedule;

/**
 * Early stopping: training ends after `patience` evaluated epochs in a row without a lower
 * top-1 error on the monitored split (any drop counts, a tie does not). The monitored split
 * is "holdout" when the data set has one (`dataset.holdout`), else "val"; the summary says
 * which (monitoring the reported val split makes its numbers optimistic). While it is on,
 * every epoch is evaluated (evaluation.everyEpochs is not used).
 */
export interface EarlyStoppingSpec {
  /**
   * Evaluated epochs in a row without an improvement before training stops.
   * @asType integer
   * @minimum 1
   */
  patience: number;
  /**
   * End with the best epoch's weights: the ten-crop evaluation, the final probes and the
   * saved weights are the best epoch's (summary.json `bestEpoch`), not the last epoch's.
   * @default true
   */
  restoreBest?: boolean;
}

/** false: train every epoch (the default); an object: stop early (EarlyStoppingSpec). */
export type EarlyStopping = false | EarlyStoppingSpec;

export interface TrainingSpec {
  /**
   * @asType integer
   * @minimum 1
   */
  epochs: number;
  /** @default 128 */
  batchSize?: PositiveInteger;
  /**
   * Initial learning rate (paper section 5: 0.01).
   * @default 0.01
   */
  learningRate?: LearningRate;
  /**
   * SGD momentum (paper section 5: 0.9).
   * @minimum 0
   * @exclusiveMaximum 1
   * @default 0.9
   */
  momentum?: number;
  /**
   * Weight decay, applied in the update as in the paper (section 5: 0.0005).
   * @default 0.0005
   */
  weightDecay?: WeightDecay;
  /** @default { "type": "plateau" } */
  schedule?: Schedule;
  /**
   * Log a step sample (loss, learning rate) every this many steps.
   * @asType integer
   * @minimum 1
   * @default 10
   */
  logEverySteps?: number;
  /**
   * Also write a checkpoint every this many steps (one is always written at each epoch
   * end). Not part of the run id: checkpoints never change the numbers.
   * @asType integer
   * @minimum 1
   */
  checkpointEverySteps?: number;
  /**
   * Stop when the monitored top-1 error stops improving (EarlyStoppingSpec).
   * @default false
   */
  earlyStopping?: EarlyStopping;
}

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
