/**
 * What a report needs to know of a run's resolved settings (run.json): the data set and its
 * subset, the net, the training length and the evaluation crop. Every field may be missing:
 * results written by older versions, or hand-written ones, lack some, and the report then
 * says "unknown" rather than guess.
 */
import { VARIANT_PRESETS } from '../models/variants.js';

export interface DatasetSetting {
  /** `dataset.format` ("synthetic", "cifar10", "imagenet-folder", ...). */
  format: string | null;
  classes: number | null;
  /** Training images per epoch when the resolved run states it (synthetic size or a limit). */
  trainImages: number | null;
  /** True when the run trains on the whole training set of its format. */
  fullTrainSet: boolean;
  /** The subset in words: "train 1000, val 500", "train: first 5000", "train: 10 per class". */
  subset: string;
}

export interface RunSetting {
  dataset: DatasetSetting;
  /**
   * The preset whose architecture the run's net has exactly (a scaled or modified net has
   * none: it is not the paper's net, whatever it was resolved from).
   */
  variant: string | null;
  /** The net in words: its variant, or its kernel counts when it matches no preset. */
  net: string;
  /** The preset the net was declared from (run.json `preset.variant`, else the `variant` axis), scaled or not; null when unknown. */
  declaredVariant: string | null;
  inputSize: number | null;
  /** "lrn" or "none" (older results: from `lrn` being an object or null). */
  normalization: string | null;
  /** The LRN alpha reading ("formula", "cuda-convnet"); null without LRN or when not recorded. */
  alphaReading: string | null;
  epochs: number | null;
  batchSize: number | null;
  tenCrop: boolean;
  /** The k of the evaluated top-k errors; null when not recorded. */
  topK: number[] | null;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function datasetSetting(d: Json | null): DatasetSetting {
  const format = str(d?.format);
  const classes = num(d?.classes);
  if (!d) return { format, classes, trainImages: null, fullTrainSet: false, subset: 'unknown subset' };
  if (format === 'synthetic') {
    const train = num(d.trainSize);
    return { format, classes, trainImages: train, fullTrainSet: true, subset: `train ${train ?? '?'}, val ${num(d.valSize) ?? '?'}` };
  }
  if ('trainLimitPerClass' in d) {
    const perClass = num(d.trainLimitPerClass);
    const valPerClass = num(d.valLimitPerClass);
    const subset = `train: ${perClass === null ? 'all' : `${perClass} per class`}, val: ${valPerClass === null ? 'all' : `${valPerClass} per class`}`;
    return { format, classes, trainImages: null, fullTrainSet: perClass === null, subset };
  }
  const limit = num(d.trainLimit);
  const valLimit = num(d.valLimit);
  const subset = `train: ${limit === null ? 'all' : `first ${limit}`}, val: ${valLimit === null ? 'all' : `first ${valLimit}`}`;
  return { format, classes, trainImages: limit, fullTrainSet: limit === null && 'trainLimit' in d, subset };
}

/** The architecture fields that name a preset; the ablation knobs (LRN, activation, dropout, pooling) are left out. */
const ARCHITECTURE = ['layout', 'towers', 'kernels', 'fcUnits', 'stem', 'inputSize'] as const;
/** Results written before layouts were declared are all of the AlexNet layout. */
const LEGACY: Json = { layout: 'alexnet' };

/**
 * The preset whose architecture the resolved model has, or null (a scaled or hand-made net).
 * A field neither declares is not compared; a missing layout, on either side, is the AlexNet one.
 */
export function presetOf(model: Json | null): string | null {
  if (!model) return null;
  const value = (from: Json, k: string) => JSON.stringify(from[k] ?? LEGACY[k]);
  for (const [name, preset] of Object.entries(VARIANT_PRESETS)) {
    const config = preset.config as unknown as Json;
    if (ARCHITECTURE.every((k) => value(config, k) === undefined || value(config, k) === value(model, k))) return name;
  }
  return null;
}

function normalizationOf(model: Json | null): string | null {
  if (!model) return null;
  if (typeof model.normalization === 'string') return model.normalization;
  if ('lrn' in model) return model.lrn ? 'lrn' : 'none';
  return null;
}

interface NetFacts {
  /** run.json's `preset`: the declared variant and width factor the model was resolved from (older runs: absent). */
  declared: Json | null;
  /** The preset whose architecture the model has exactly, or null. */
  exact: string | null;
  kernels: string | null;
  axes: Record<string, unknown>;
}

/** The net in words: "paper", "four-layer at width 0.5 (kernels 16-16-32)", "a net of no preset (kernels ...)". */
function netText({ declared, exact, kernels, axes }: NetFacts): string {
  const name = str(declared?.variant) ?? (typeof axes.variant === 'string' ? axes.variant : null);
  if (name === null) return exact ?? (kernels ? `a net of no preset (kernels ${kernels})` : 'an unknown net');
  if (exact === name) return name;
  const width = num(declared?.widthFactor);
  const scaled = width !== null && width !== 1 ? ` at width ${width}` : ' with changes';
  return `${name}${scaled}${kernels ? ` (kernels ${kernels})` : ''}`;
}

/** The report's reading of run.json (null: no readable run.json) and the run's matrix axes. */
export function runSetting(run: unknown, axes: Record<string, unknown>): RunSetting {
  const r = obj(run);
  const model = obj(r?.model);
  const training = obj(r?.training);
  const evaluation = obj(r?.evaluation);
  const normalization = normalizationOf(model);
  // With the model config known, only an exact architecture is the preset (a scaled net is
  // not the paper's); without one (older or hand-made results), the variant axis names it.
  const variant = model ? presetOf(model) : typeof axes.variant === 'string' ? axes.variant : null;
  const kernels = Array.isArray(model?.kernels) ? (model!.kernels as unknown[]).join('-') : null;
  const topK = Array.isArray(evaluation?.topK) ? (evaluation!.topK as unknown[]).filter((k): k is number => typeof k === 'number') : null;
  return {
    dataset: datasetSetting(obj(r?.dataset)),
    variant,
    net: netText({ declared: obj(r?.preset), exact: variant, kernels, axes }),
    declaredVariant: str(obj(r?.preset)?.variant) ?? (typeof axes.variant === 'string' ? axes.variant : variant),
    inputSize: num(model?.inputSize),
    normalization,
    alphaReading: normalization === 'lrn' ? str(obj(model?.lrn)?.alphaReading) : null,
    epochs: num(training?.epochs),
    batchSize: num(training?.batchSize),
    tenCrop: evaluation?.tenCrop === true,
    topK,
  };
}
