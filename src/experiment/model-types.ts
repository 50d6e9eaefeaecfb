/**
 * The `model` part of an experiment file: the variant, its activation, normalization, towers,
 * dropout, pooling and geometry (paper section 3), and the scalar aliases its fields and the
 * matrix axes share. Part of the experiment types (types.ts re-exports these): the schema is
 * generated from all of them.
 */

import type { PositiveInteger } from '../core/primitives.js';
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
 * Standard deviation of the N(0, std) weight init.
 * @exclusiveMinimum 0
 */
export type InitStd = number;

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
