/**
 * Experiment file types: the single source of truth for experiments/schema.json.
 *
 * `npm run schema` generates the JSON Schema from `Experiment` (ts-json-schema-generator);
 * test/harness/experiment/schema.test.ts fails when the committed schema drifts from these
 * types. JSDoc tags (@minimum, @default, @pattern, ...) become schema keywords, so keep
 * them accurate: they are what `bench validate` enforces.
 *
 * Three stages have their own types:
 *   Experiment (raw, what users write; many fields optional)
 *   -> ResolvedExperiment / ResolvedRun (every default explicit; saved beside the results)
 *   -> run records (src/harness/record).
 */

/** Activation after every conv and hidden FC layer (paper section 3.1: ReLU). */
export type Activation = 'relu' | 'tanh';

/**
 * Max-pooling geometry (paper section 3.4): "overlapping" is z=3, s=2 as in the paper;
 * "non-overlapping" is the traditional z=2, s=2 it is compared against.
 */
export type Pooling = 'overlapping' | 'non-overlapping';

/** Number of "GPU" towers (paper section 3.2); 2 groups conv2, conv4 and conv5. */
export type Towers = 1 | 2;

/**
 * Architecture presets: one builder, one small declared config each (src/models/variants.ts).
 * - "paper": the two-tower net of the paper (96-256-384-384-256, LRN, 2 towers).
 * - "paper-one-tower": the paper's one-GPU comparison net, half the kernels in each conv
 *   layer except the last (section 3.2), one tower.
 * - "owt": the 64-192-384-256-256 single-tower net of "One weird trick" / torchvision.
 */
export type ModelVariant = 'paper' | 'paper-one-tower' | 'owt';

/**
 * Local response normalisation (paper section 3.3), in the paper's notation:
 * b = a / (k + alpha * sum over n adjacent channels of a^2)^beta.
 */
export interface LrnSpec {
  /**
   * @minimum 0
   * @default 2
   */
  k?: number;
  /**
   * Window size in channels (odd): tfjs depthRadius = (n - 1) / 2.
   * @minimum 1
   * @default 5
   */
  n?: number;
  /**
   * Not divided by n (unlike PyTorch's LocalResponseNorm).
   * @exclusiveMinimum 0
   * @default 0.0001
   */
  alpha?: number;
  /**
   * @exclusiveMinimum 0
   * @default 0.75
   */
  beta?: number;
}

/** The first conv layer's geometry; small-image runs shrink it (paper: 11x11, stride 4). */
export interface StemSpec {
  /** @minimum 1 */
  kernelSize: number;
  /** @minimum 1 */
  stride: number;
  /**
   * Zero padding on every side, in pixels.
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
   * true: the paper's LRN (k=2, n=5, alpha=1e-4, beta=0.75) after conv1 and conv2;
   * false: none; an object: LRN with those parameters. Default: the variant's own choice.
   */
  lrn?: boolean | LrnSpec;
  /** Default: the variant's own (2 for "paper", 1 otherwise). */
  towers?: Towers;
  /**
   * Dropout rate before fc6 and fc7 (paper section 4.2: 0.5); 0 turns it off.
   * @minimum 0
   * @exclusiveMaximum 1
   * @default 0.5
   */
  dropout?: number;
  /** @default "overlapping" */
  pooling?: Pooling;
  /**
   * Kernels in conv1..conv5 (total over towers). Default: the variant's own.
   * @minItems 5
   * @maxItems 5
   */
  kernels?: number[];
  /**
   * Units in fc6 and fc7. Default: [4096, 4096].
   * @minItems 2
   * @maxItems 2
   */
  fcUnits?: number[];
  /**
   * Multiplies every conv kernel count and FC width (rounded, kept divisible by towers).
   * @exclusiveMinimum 0
   * @default 1
   */
  widthFactor?: number;
  /**
   * Square input size in pixels. Default: 227 for "paper" variants, 224 for "owt".
   * @minimum 8
   */
  inputSize?: number;
  /** Default: the variant's own (11x11 stride 4; padding 0 for "paper", 2 for "owt"). */
  stem?: StemSpec;
}

/** A seeded synthetic colour image set with class-dependent structure (src/data/synthetic.ts). */
export interface SyntheticDatasetSpec {
  format: 'synthetic';
  /**
   * @minimum 2
   * @default 10
   */
  classes?: number;
  /**
   * Square image size in pixels.
   * @minimum 8
   * @default 32
   */
  imageSize?: number;
  /**
   * Training images.
   * @minimum 1
   * @default 2000
   */
  trainSize?: number;
  /**
   * Validation images.
   * @minimum 1
   * @default 500
   */
  valSize?: number;
  /**
   * Standard deviation of per-pixel noise, relative to the signal (0: clean).
   * @minimum 0
   * @default 0.5
   */
  noise?: number;
  /**
   * Seed of the data set itself (not of the run): the same for every run so that all
   * variants and seeds see the same images.
   * @minimum 1
   * @default 1
   */
  dataSeed?: number;
}

export type DatasetSpec = SyntheticDatasetSpec;

export interface ConstantSchedule {
  type: 'constant';
}

/** Multiply the learning rate by `factor` every `everyEpochs` epochs. */
export interface StepSchedule {
  type: 'step';
  /** @minimum 1 */
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
 * error stops improving, at most `maxReductions` times (the paper: 3).
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
   * Epochs without improvement before a reduction.
   * @minimum 1
   * @default 1
   */
  patience?: number;
  /**
   * @minimum 0
   * @default 3
   */
  maxReductions?: number;
  /**
   * Smallest drop in validation top-1 error (a fraction) that counts as improvement.
   * @minimum 0
   * @default 0
   */
  threshold?: number;
}

export type Schedule = ConstantSchedule | StepSchedule | PlateauSchedule;

export interface TrainingSpec {
  /** @minimum 1 */
  epochs: number;
  /**
   * @minimum 1
   * @default 128
   */
  batchSize?: number;
  /**
   * Initial learning rate (paper section 5: 0.01).
   * @exclusiveMinimum 0
   * @default 0.01
   */
  learningRate?: number;
  /**
   * SGD momentum (paper section 5: 0.9).
   * @minimum 0
   * @exclusiveMaximum 1
   * @default 0.9
   */
  momentum?: number;
  /**
   * Weight decay, applied in the update as in the paper (section 5: 0.0005).
   * @minimum 0
   * @default 0.0005
   */
  weightDecay?: number;
  /** @default { "type": "plateau" } */
  schedule?: Schedule;
  /**
   * Log a step sample (loss, learning rate) every this many steps.
   * @minimum 1
   * @default 10
   */
  logEverySteps?: number;
}

export interface EvaluationSpec {
  /**
   * Top-k error rates to report (paper: 1 and 5).
   * @minItems 1
   * @default [1, 5]
   */
  topK?: number[];
  /**
   * Evaluate on the validation split every this many epochs (and always after the last).
   * @minimum 1
   * @default 1
   */
  everyEpochs?: number;
}

/**
 * Axes whose cartesian product gives the variants to run: each key is a model or training
 * field, each value the list of settings to try. An axis overrides the base value.
 */
export interface MatrixSpec {
  /** @minItems 1 */
  variant?: ModelVariant[];
  /** @minItems 1 */
  activation?: Activation[];
  /** @minItems 1 */
  lrn?: (boolean | LrnSpec)[];
  /** @minItems 1 */
  towers?: Towers[];
  /** @minItems 1 */
  dropout?: number[];
  /** @minItems 1 */
  pooling?: Pooling[];
  /** @minItems 1 */
  widthFactor?: number[];
  /** @minItems 1 */
  learningRate?: number[];
  /** @minItems 1 */
  batchSize?: number[];
}

export interface Experiment {
  /** Path or URL of experiments/schema.json, for editors. */
  $schema?: string;
  /**
   * Names the results folder: results/<name>/.
   * @pattern ^[a-z0-9][a-z0-9._-]*$
   */
  name: string;
  description?: string;
  dataset: DatasetSpec;
  model: ModelSpec;
  training: TrainingSpec;
  evaluation?: EvaluationSpec;
  /**
   * Root seeds: every variant runs once per seed. Never 0 (tfjs treats 0 as "unseeded").
   * @minItems 1
   */
  seeds: number[];
  matrix?: MatrixSpec;
}
