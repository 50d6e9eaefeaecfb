/**
 * One line of facts per declared variant, for `bench models`: computed analytically from
 * the presets (no tensors), so describing the 60M-parameter nets is instant.
 */
import type { LrnConfig } from './config.js';
import { countParameters } from './geometry.js';
import type { DropoutPlacement, LayoutName } from './layouts.js';
import type { NormalizationName } from './normalizations.js';
import { MODEL_VARIANTS, VARIANT_PRESETS, variantConfig, type ModelVariantName } from './variants.js';

export interface ModelDescription {
  name: ModelVariantName;
  description: string;
  /** Trainable parameters at this inputSize and number of classes. */
  parameters: number;
  /** The layer layout (layouts.ts). */
  layout: LayoutName;
  towers: 1 | 2;
  /** The normalization after the activation of conv1 and conv2. */
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
}

/** Every declared variant, in MODEL_VARIANTS order. Throws an InputError if a variant's maps collapse at inputSize. */
export function describeModels(opts: DescribeOptions = {}): ModelDescription[] {
  return MODEL_VARIANTS.map((name) => {
    const config = variantConfig(name, { inputSize: opts.inputSize, classes: opts.classes });
    return {
      name,
      description: VARIANT_PRESETS[name].description,
      parameters: countParameters(config),
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
