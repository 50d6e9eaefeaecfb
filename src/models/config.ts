/**
 * The fully explicit configuration of one AlexNet-family network. The builder
 * (alexnet.ts) takes only this; presets live in variants.ts. Nothing here knows about
 * experiments or the harness: the harness resolves an experiment's model spec into this.
 */

import type { ActivationName } from './activations.js';
import type { LrnConfig } from './lrn.js';
import type { NormalizationName } from './normalizations.js';

/** LRN in the paper's notation (section 3.3); see lrn.ts for the alpha reading and the tfjs/PyTorch mapping. */
export type { LrnConfig } from './lrn.js';

export interface ConvGeometry {
  kernelSize: number;
  stride: number;
  padding: number;
}

export interface AlexNetConfig {
  /** Activation after every conv and hidden FC layer (activations.ts). */
  activation: ActivationName;
  /** The normalization after the activation of conv1 and conv2 (normalizations.ts). */
  normalization: NormalizationName;
  /** LRN's parameters: non-null exactly when normalization is "lrn". */
  lrn: LrnConfig | null;
  /** 1, or 2 for the paper's towers: conv2, conv4, conv5 grouped (2 groups). */
  towers: 1 | 2;
  /** Dropout rate before fc6 and fc7; 0 for none. */
  dropout: number;
  /** Max-pool window and stride: 3/2 (overlapping, the paper) or 2/2. */
  pool: { size: number; stride: number };
  /** Kernels in conv1..conv5, totals over towers (each divisible by towers where grouped). */
  kernels: [number, number, number, number, number];
  /** Units in fc6 and fc7. */
  fcUnits: [number, number];
  /** Square input size in pixels; the input is [batch, inputSize, inputSize, 3]. */
  inputSize: number;
  classes: number;
  /** conv1's kernel, stride and padding. */
  stem: ConvGeometry;
  /** Bias of conv2, conv4, conv5, fc6, fc7 at init (paper section 5: 1; Caffe uses 0.1). */
  positiveBias: number;
  /** Standard deviation of the N(0, std) weight init (paper section 5: 0.01). */
  initStd: number;
}
