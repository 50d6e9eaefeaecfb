/**
 * The layer layouts as data: which conv layers a net has, in order, with their geometry,
 * grouping, normalization slots, pooling and bias init, then its dense layers. A variant
 * names its layout (variants.ts); geometry.ts turns layout + config into shapes and
 * weight specs, and the builder (alexnet.ts) walks the same tables, so adding a layout is
 * one entry here.
 */

/** A conv layer's kernel size, stride and zero padding on every side, in pixels. */
export interface LayoutConvGeometry {
  kernelSize: number;
  stride: number;
  padding: number;
}

export interface ConvSlot {
  /** Names the layer's weights ('conv1/kernel', 'conv1/bias'). */
  name: string;
  /** 'stem': the config's stem (the first layer, which small-image runs shrink); else fixed. */
  geometry: 'stem' | Readonly<LayoutConvGeometry>;
  /** Sees only its own tower when the net has two (grouped convolution, paper section 3.2). */
  grouped: boolean;
  /** The config's normalization acts after this layer's activation (normalizations.ts). */
  normSlot: boolean;
  /** Name of the max pooling after the activation (and normalization), or null for none. */
  pool: string | null;
  /** Bias initialised to config.positiveBias instead of 0. */
  positiveBias: boolean;
}

/** A hidden dense layer: one config.fcUnits count each, followed by the activation. */
export interface DenseSlot {
  name: string;
  positiveBias: boolean;
}

export interface LayoutEntry {
  description: string;
  convs: readonly ConvSlot[];
  hidden: readonly DenseSlot[];
  /** Name of the dense layer that gives the logits (bias 0, no activation). */
  logits: string;
  /** The tower counts the layout supports (two needs grouped layers). */
  towers: readonly (1 | 2)[];
}

const conv = (name: string, geometry: ConvSlot['geometry'], parts: Partial<Omit<ConvSlot, 'name' | 'geometry'>> = {}): ConvSlot => ({
  name, geometry, grouped: false, normSlot: false, pool: null, positiveBias: false, ...parts,
});

/**
 * Where dropout acts at the hidden dense layers, a declared property of each variant
 * (paper section 4.2: "dropout in the first two fully-connected layers").
 */
export const DROPOUT_PLACEMENTS = Object.freeze({
  'fc-outputs': 'on their outputs, after the activation (the paper; Caffe\'s bvlc_alexnet: fc6 -> relu6 -> drop6 -> fc7 -> relu7 -> drop7 -> fc8)',
  'fc-inputs': 'on their inputs (torchvision: dropout before fc6 and before fc7)',
});

export type DropoutPlacement = keyof typeof DROPOUT_PLACEMENTS;

export const DROPOUT_PLACEMENT_NAMES = Object.freeze(Object.keys(DROPOUT_PLACEMENTS)) as readonly DropoutPlacement[];

/** Name -> layout. */
export const LAYOUTS = Object.freeze({
  /**
   * AlexNet (paper section 3.5 and figure 2): conv2 5x5, conv3-5 3x3. The paper gives no
   * padding; these are the "same" paddings of cuda-convnet / Caffe that keep 27x27 and
   * 13x13 maps, which is what the paper's 13x13x256 pool5 input implies. Towers (section
   * 3.2): conv2, conv4, conv5 see only their own tower, conv3 sees both. LRN follows conv1
   * and conv2, max pooling follows LRN1, LRN2 and conv5 (section 3.5). Bias 1 in conv2,
   * conv4, conv5, fc6 and fc7 (section 5).
   */
  alexnet: {
    description: 'conv1..conv5, fc6, fc7, fc8 (paper section 3.5)',
    convs: [
      conv('conv1', 'stem', { normSlot: true, pool: 'pool1' }),
      conv('conv2', { kernelSize: 5, stride: 1, padding: 2 }, { grouped: true, normSlot: true, pool: 'pool2', positiveBias: true }),
      conv('conv3', { kernelSize: 3, stride: 1, padding: 1 }),
      conv('conv4', { kernelSize: 3, stride: 1, padding: 1 }, { grouped: true, positiveBias: true }),
      conv('conv5', { kernelSize: 3, stride: 1, padding: 1 }, { grouped: true, pool: 'pool5', positiveBias: true }),
    ],
    hidden: [
      { name: 'fc6', positiveBias: true },
      { name: 'fc7', positiveBias: true },
    ],
    logits: 'fc8',
    towers: [1, 2],
  },
  /**
   * The paper's CIFAR-10 net (figure 1 and the section 3.3 LRN claim), after cuda-convnet's
   * layers-18pct: three 5x5 conv layers, "same" padding, each followed by 3/2 pooling, LRN
   * slots after conv1 and conv2, one dense layer to the logits. All biases start at 0.
   * cuda-convnet averages in its second and third pooling layers; here every pooling is
   * the config's max pooling, as in the paper's nets.
   */
  'four-layer': {
    description: 'conv1..conv3, fc4 (the CIFAR-10 net of figure 1, cuda-convnet layers-18pct)',
    convs: [
      conv('conv1', 'stem', { normSlot: true, pool: 'pool1' }),
      conv('conv2', { kernelSize: 5, stride: 1, padding: 2 }, { normSlot: true, pool: 'pool2' }),
      conv('conv3', { kernelSize: 5, stride: 1, padding: 2 }, { pool: 'pool3' }),
    ],
    hidden: [],
    logits: 'fc4',
    towers: [1],
  },
} satisfies Record<string, LayoutEntry>);

export type LayoutName = keyof typeof LAYOUTS;

/** The declared layouts, in registry order. */
export const LAYOUT_NAMES = Object.freeze(Object.keys(LAYOUTS)) as readonly LayoutName[];

export function isLayout(name: unknown): name is LayoutName {
  return (LAYOUT_NAMES as readonly unknown[]).includes(name);
}

/** The entry of a layout (validated configs only). */
export function layoutOf(name: LayoutName): LayoutEntry {
  return LAYOUTS[name];
}
