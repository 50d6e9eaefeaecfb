/**
 * One line of facts per declared variant, for `bench models`: computed analytically from
 * the presets (no tensors), so describing the 60M-parameter nets is instant.
 */
import type { AlexNetConfig, LrnConfig } from './config.js';
import { countParameters, countStateValues, weightSpecs } from './geometry.js';
import type { DropoutPlacement, LayoutName } from './layouts.js';
import type { NormalizationName } from './normalizations.js';
import { MODEL_VARIANTS, VARIANT_PRESETS, variantConfig, type ModelVariantName } from './variants.js';

export interface ModelDescription {
  name: ModelVariantName;
  description: string;
  /** Trainable parameters at this inputSize and number of classes (batch normalization's gamma and beta included). */
  parameters: number;
  /** Of those, batch normalization's gamma and beta (one each per conv channel); 0 without it. */
  batchNormParameters: number;
  /** Batch normalization's running mean and variance: model state, saved with the weights but not parameters; 0 without it. */
  stateValues: number;
  /** The layer layout (layouts.ts). */
  layout: LayoutName;
  towers: 1 | 2;
  /** The normalization (normalizations.ts): LRN after conv1 and conv2, batch normalization in every conv layer, both or none. */
  normalization: NormalizationName;
  /** LRN's parameters, with the alpha reading and the per-term alpha; null without LRN. */
  lrn: LrnConfig | null;
  /** Per conv layer of the layout. */
  kernels: number[];
  /** Per hidden dense layer of the layout. */
  fcUnits: number[];
  /** Whether dropout acts on the hidden dense layers' outputs or inputs. */
  dropoutPlacement: DropoutPlacement;
  inputSize: number;
}

export interface DescribeOptions {
  /** Default: each variant's own (227 for the paper's nets, 224 for "owt", 32 for "four-layer"). */
  inputSize?: number;
  /** Default: 1000 (ILSVRC). */
  classes?: number;
  /** Default: each variant's own. */
  normalization?: NormalizationName;
}

/** Every declared variant, in MODEL_VARIANTS order. Throws an InputError if a variant's maps collapse at inputSize. */
export function describeModels(opts: DescribeOptions = {}): ModelDescription[] {
  return MODEL_VARIANTS.map((name) => {
    const config = variantConfig(name, { inputSize: opts.inputSize, classes: opts.classes, normalization: opts.normalization });
    return {
      name,
      description: VARIANT_PRESETS[name].description,
      parameters: countParameters(config),
      batchNormParameters: countBatchNormParameters(config),
      stateValues: countStateValues(config),
      layout: config.layout,
      towers: config.towers,
      normalization: config.normalization,
      lrn: config.lrn,
      kernels: config.kernels,
      fcUnits: config.fcUnits,
      dropoutPlacement: config.dropoutPlacement,
      inputSize: config.inputSize,
    };
  });
}

function countBatchNormParameters(config: AlexNetConfig): number {
  return weightSpecs(config).filter((s) => s.name.includes('/bn/')).reduce((n, s) => n + s.shape[0], 0);
}
