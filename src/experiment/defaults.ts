/**
 * The values an experiment gets for what it leaves out. The @default tags in types.ts
 * document the same numbers for editors; test/experiment/defaults.test.ts fails
 * when the two disagree. Model defaults come from the variant (src/models/variants.ts),
 * data set defaults from each data source (src/data/sources/).
 */
import { SYNTHETIC_DEFAULTS } from '../data/sources/synthetic.js';
import type { ModelVariant, Pooling } from './types.js';

/** The synthetic source's defaults (each source keeps its own, in src/data/sources/). */
export const DATASET_DEFAULTS = SYNTHETIC_DEFAULTS;

/** Paper section 5: batch 128, learning rate 0.01, momentum 0.9, weight decay 0.0005. */
export const TRAINING_DEFAULTS = Object.freeze({
  batchSize: 128,
  learningRate: 0.01,
  momentum: 0.9,
  weightDecay: 0.0005,
  logEverySteps: 10,
  earlyStopping: false as const,
});

/** restoreBest: a stopped run ends with the weights it was stopped for, not those of its last, worse epochs. */
export const EARLY_STOPPING_DEFAULTS = Object.freeze({ restoreBest: true });

/** The paper's schedule (section 5) is the default: divide by 10 on a plateau, at most 3 times. */
export const DEFAULT_SCHEDULE_TYPE = 'plateau';

/**
 * Plateau: the paper's factor and number of reductions. The paper gives no patience or
 * threshold. Validation error is noisy from epoch to epoch, so reducing after the first
 * epoch without a new best would spend one of the three reductions on one unlucky epoch;
 * three evaluated epochs in a row without a drop of at least 0.1 points of top-1 error
 * (absolute, as a fraction) is a stall rather than noise.
 */
export const SCHEDULE_DEFAULTS = Object.freeze({
  step: Object.freeze({ factor: 0.1 }),
  plateau: Object.freeze({ factor: 0.1, patience: 3, maxReductions: 3, threshold: 0.001 }),
});

/** Paper: top-1 and top-5 error rates (only the k below the class count are kept). */
export const EVALUATION_DEFAULTS = Object.freeze({
  topK: Object.freeze([1, 5]) as readonly number[],
  everyEpochs: 1,
  tenCrop: false,
  trainEvalImages: 0,
});

export const MODEL_DEFAULTS = Object.freeze({
  variant: 'paper' as ModelVariant,
  widthFactor: 1,
});

/** Paper section 3.4: overlapping z=3, s=2 against the traditional z=2, s=2. */
export const POOLING_GEOMETRY: Readonly<Record<Pooling, Readonly<{ size: number; stride: number }>>> = Object.freeze({
  overlapping: Object.freeze({ size: 3, stride: 2 }),
  'non-overlapping': Object.freeze({ size: 2, stride: 2 }),
});
