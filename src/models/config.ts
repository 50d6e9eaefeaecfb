/**
 * The fully explicit configuration of one AlexNet-family network. The builder
 * (alexnet.ts) takes only this; presets live in variants.ts. Nothing here knows about
 * experiments or the harness: the harness resolves an experiment's model spec into this.
 */

import type { ActivationName } from './activations.js';
import type { DropoutPlacement, LayoutName } from './layouts.js';
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
  /** The layer layout (layouts.ts): "alexnet" (conv1..conv5, fc6..fc8) or "four-layer". */
  layout: LayoutName;
  /** Activation after every conv and hidden FC layer (activations.ts). */
  activation: ActivationName;
  /**
   * The normalization (normalizations.ts): LRN at the layout's normalization slots (AlexNet:
   * after conv1 and conv2), batch normalization in every conv layer, both or none.
   */
  normalization: NormalizationName;
  /** LRN's parameters: non-null exactly when the normalization uses LRN ("lrn", "lrn+batchnorm"). */
  lrn: LrnConfig | null;
  /** 1, or 2 for the paper's towers: the layout's grouped layers (AlexNet: conv2, conv4, conv5) get 2 groups. */
  towers: 1 | 2;
  /** Dropout rate at the hidden dense layers (AlexNet: fc6 and fc7); 0 for none. */
  dropout: number;
  /** Whether dropout acts on those layers' outputs (the paper) or inputs (torchvision); layouts.ts. */
  dropoutPlacement: DropoutPlacement;
  /** Max-pool window and stride: 3/2 (overlapping, the paper) or 2/2. */
  pool: { size: number; stride: number };
  /** Kernels of each conv layer of the layout (AlexNet: conv1..conv5), totals over towers. */
  kernels: number[];
  /** Units of each hidden dense layer of the layout (AlexNet: fc6, fc7; four-layer: none). */
  fcUnits: number[];
  /** Square input size in pixels; the input is [batch, inputSize, inputSize, 3]. */
  inputSize: number;
  classes: number;
  /** The first conv layer's kernel, stride and padding. */
  stem: ConvGeometry;
  /** Bias at init of the layout's positive-bias layers (AlexNet: conv2, conv4, conv5, fc6, fc7; paper section 5: 1; Caffe uses 0.1). */
  positiveBias: number;
  /** Standard deviation of the N(0, std) weight init (paper section 5: 0.01). */
  initStd: number;
}
