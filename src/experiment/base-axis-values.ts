/**
 * The value a run takes on a matrix axis that its own grid does not set: the base spec's
 * value as written, else the default it resolves to, in the axis's own terms (activation
 * "relu", normalization "lrn", pooling "overlapping"). Runs of different grids record these, so
 * the run of one grid pairs with the runs of another that differ from it in one axis.
 */
import { canonicalJson } from '../core/canonical-json.js';
import type { LrnConfig } from '../models/config.js';
import { PAPER_LRN } from '../models/lrn.js';
import { variantConfig } from '../models/variants.js';
import { MODEL_DEFAULTS, POOLING_GEOMETRY, TRAINING_DEFAULTS } from './defaults.js';
import type { AxisValues, BaseAxisValue, MatrixAxis } from './matrix.js';
import type { Experiment, LrnSpec, Pooling } from './types.js';

/**
 * A variant's LRN parameters as an lrn axis value: {} for the paper's (or for none: a run
 * without LRN uses no parameters, and {} reads "the paper's if it had LRN"), else its own.
 */
function lrnValue(lrn: LrnConfig | null): LrnSpec {
  if (lrn === null || canonicalJson(lrn) === canonicalJson(PAPER_LRN)) return {};
  const { k, n, alpha, beta, alphaReading } = lrn;
  return { k, n, alpha, beta, alphaReading };
}

function poolingName(pool: { size: number; stride: number }): Pooling {
  const names = Object.keys(POOLING_GEOMETRY) as Pooling[];
  const name = names.find((n) => POOLING_GEOMETRY[n].size === pool.size && POOLING_GEOMETRY[n].stride === pool.stride);
  // Every preset pools with a named geometry (test/experiment/defaults.test.ts).
  if (name === undefined) throw new Error(`pool ${pool.size}/${pool.stride} has no pooling name`);
  return name;
}

type AxisReader = { [K in MatrixAxis]: (e: Experiment, own: AxisValues) => AxisValues[K] };

/** The variant's config without the experiment's overrides: the defaults the model fields fall back to. */
const preset = (e: Experiment, own: AxisValues) => variantConfig(own.variant ?? e.model.variant ?? MODEL_DEFAULTS.variant);

const READERS: AxisReader = {
  variant: (e) => e.model.variant ?? MODEL_DEFAULTS.variant,
  activation: (e, own) => e.model.activation ?? preset(e, own).activation,
  normalization: (e, own) => e.model.normalization ?? preset(e, own).normalization,
  lrn: (e, own) => e.model.lrn ?? lrnValue(preset(e, own).lrn),
  towers: (e, own) => e.model.towers ?? preset(e, own).towers,
  dropout: (e, own) => e.model.dropout ?? preset(e, own).dropout,
  pooling: (e, own) => e.model.pooling ?? poolingName(preset(e, own).pool),
  randomCrop: (e) => e.augment?.randomCrop ?? false,
  flip: (e) => e.augment?.flip ?? false,
  lighting: (e) => e.augment?.lighting ?? false,
  widthFactor: (e) => e.model.widthFactor ?? MODEL_DEFAULTS.widthFactor,
  initStd: (e, own) => e.model.initStd ?? preset(e, own).initStd,
  learningRate: (e) => e.training.learningRate ?? TRAINING_DEFAULTS.learningRate,
  weightDecay: (e) => e.training.weightDecay ?? TRAINING_DEFAULTS.weightDecay,
  earlyStopping: (e) => e.training.earlyStopping ?? TRAINING_DEFAULTS.earlyStopping,
  batchSize: (e) => e.training.batchSize ?? TRAINING_DEFAULTS.batchSize,
};

export function baseAxisValues(e: Experiment): BaseAxisValue {
  return (axis, own) => READERS[axis](e, own);
}
