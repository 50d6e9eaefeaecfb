/**
 * The AlexNet-family builder: one function for every variant and layout, tfjs-core ops
 * only (the harness runs its own seeded training loop, so no tfjs-layers). AlexNet's
 * layer order, paper section 3.5 and figure 2: conv1 -> act -> LRN -> pool; conv2 -> act
 * -> LRN -> pool; conv3 -> act; conv4 -> act; conv5 -> act -> pool; flatten; fc6 -> act
 * -> dropout; fc7 -> act -> dropout; fc8 (dropout before fc6 and fc7 instead for the
 * torchvision placement). With batch normalization (normalizations.ts) every conv layer is
 * conv -> bias -> BN -> act, LRN (if any) still after the activation of its slots. The
 * layer tables (layouts.ts) and all shapes come from geometry.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed } from '../core/rng.js';
import { ACTIVATIONS } from './activations.js';
import { batchNormInference, batchNormTraining, type BatchNormVariables } from './batch-norm.js';
import type { AlexNetConfig } from './config.js';
import { convLayers, fcLayers, flatUnits, stateSpecs, weightSpecs, type ConvLayerSpec, type FcLayerSpec, type WeightSpec } from './geometry.js';
import { groupedConv2d } from './grouped-conv.js';
import { localResponseNorm } from './lrn.js';
import { NORMALIZATIONS } from './normalizations.js';

export { countParameters, countStateValues, outputShapes, type LayerShape } from './geometry.js';
export { describeModels, type ModelDescription } from './describe.js';

export interface NamedWeight {
  name: string;
  variable: tf.Variable;
}

/** A place in the forward pass whose tensor a tap sees. */
export interface TapPoint {
  /** The layout's layer name, e.g. 'conv1', 'fc6'. */
  layer: string;
  /** 'activation': the layer's activation output (conv and hidden dense layers); 'lrn-input': the input of its LRN. */
  kind: 'lrn-input' | 'activation';
}

/**
 * Called inside the model's tidy with each tapped tensor: the tensor is freed when apply
 * returns unless the tap keeps it (tf.keep), so a tap keeps only what it needs.
 */
export type Tap = (point: TapPoint, t: tf.Tensor) => void;

export interface ApplyOptions {
  /**
   * Training mode: dropout on, batch normalization with the batch's statistics, and each
   * call moves the running statistics (model.state) once, so call it once per training
   * step. Evaluation mode (false) changes nothing and uses the running statistics.
   */
  training: boolean;
  /** Seeds this step's dropout masks; required when training and config.dropout > 0. */
  dropoutSeed?: number;
  /** Sees the tensors diagnostics need (LRN inputs, activations) without a second forward pass. */
  tap?: Tap;
}

export interface AlexNet {
  readonly config: AlexNetConfig;
  /**
   * Trainable weights in the layout's order, with stable names like 'conv1/kernel',
   * 'conv2/bias', 'fc6/kernel' and, with batch normalization, 'conv1/bn/gamma', 'conv1/bn/beta'.
   */
  readonly weights: ReadonlyArray<NamedWeight>;
  /**
   * Non-trainable state in a fixed order: batch normalization's running statistics per
   * conv layer ('conv1/bn/mean', 'conv1/bn/variance', ...); empty without batch
   * normalization. Only apply({ training: true }) changes it, never an optimizer.
   */
  readonly state: ReadonlyArray<NamedWeight>;
  /** Logits [batch, classes]. x is [batch, inputSize, inputSize, 3] float32. */
  apply(x: tf.Tensor4D, opts: ApplyOptions): tf.Tensor2D;
  dispose(): void;
}

export interface BuildOptions {
  /** Seed of the init stream; each weight draws from deriveSeed(initSeed, weightName). */
  initSeed: number;
}

/**
 * Initial value of one weight (paper section 5): kernels N(0, initStd); biases
 * positiveBias where the layout says so (AlexNet: conv2, conv4, conv5, fc6, fc7), else 0. The seed is a hash of the
 * weight's name, so adding or reordering layers never shifts another layer's init, and it
 * is never 0 (tfjs's randomNormal treats 0 as "unseeded").
 */
function initialValue(spec: WeightSpec, config: AlexNetConfig, initSeed: number): tf.Tensor {
  switch (spec.init) {
    case 'normal':
      return tf.randomNormal(spec.shape, 0, config.initStd, 'float32', deriveSeed(initSeed, spec.name));
    case 'positive':
      return tf.fill(spec.shape, config.positiveBias, 'float32');
    case 'zero':
      return tf.zeros(spec.shape, 'float32');
    case 'one':
      return tf.ones(spec.shape, 'float32');
  }
}

function createVariables(specs: WeightSpec[], trainable: boolean, config: AlexNetConfig, initSeed: number): NamedWeight[] {
  return specs.map((spec) => {
    const value = initialValue(spec, config, initSeed);
    // No name: tfjs variable names are global and must be unique; we keep our own names.
    const variable = tf.variable(value, trainable);
    value.dispose();
    return { name: spec.name, variable };
  });
}

function activate(x: tf.Tensor, config: AlexNetConfig): tf.Tensor {
  return ACTIVATIONS[config.activation].apply(x);
}

/** What one forward pass needs besides the tensors. */
interface Pass {
  config: AlexNetConfig;
  training: boolean;
  /** A weight or state variable by name. */
  w: (name: string) => tf.Variable;
  /** Null when dropout is off for this call. */
  dropoutSeed: number | null;
  tap?: Tap;
}

/** LRN after the activation, at a layer where the layout has a normalization slot, when the config's normalization has it. */
function normalize(x: tf.Tensor4D, layer: string, pass: Pass): tf.Tensor4D {
  const { config } = pass;
  if (!NORMALIZATIONS[config.normalization].usesLrn || config.lrn === null) return x;
  pass.tap?.({ layer, kind: 'lrn-input' }, x);
  return localResponseNorm(x, config.lrn, config.towers);
}

/** Batch normalization of a conv layer's output before its activation (batch-norm.ts). */
function batchNormalize(x: tf.Tensor4D, layer: string, pass: Pass): tf.Tensor4D {
  const v: BatchNormVariables = {
    gamma: pass.w(`${layer}/bn/gamma`), beta: pass.w(`${layer}/bn/beta`), mean: pass.w(`${layer}/bn/mean`), variance: pass.w(`${layer}/bn/variance`),
  };
  return pass.training ? batchNormTraining(x, v) : batchNormInference(x, v);
}

function convBlock(x: tf.Tensor4D, layer: ConvLayerSpec, pass: Pass): tf.Tensor4D {
  const { config, w } = pass;
  const conv = groupedConv2d(x, w(`${layer.name}/kernel`) as tf.Variable<tf.Rank.R4>, layer);
  // With batch normalization the bias is redundant (BN subtracts each channel's mean, so
  // its gradient is 0 and only weight decay moves it) but harmless; it stays so that every
  // conv layer has the same weights whatever the normalization.
  let h = tf.add(conv, w(`${layer.name}/bias`)) as tf.Tensor4D;
  if (layer.batchNorm) h = batchNormalize(h, layer.name, pass);
  h = activate(h, config) as tf.Tensor4D;
  pass.tap?.({ layer: layer.name, kind: 'activation' }, h);
  if (layer.normalize) h = normalize(h, layer.name, pass);
  if (layer.pool !== null) h = tf.maxPool(h, config.pool.size, config.pool.stride, 'valid');
  return h;
}

/** Dropout on a hidden dense layer's input or output; each layer's mask has its own seed. */
function drop(x: tf.Tensor2D, layer: FcLayerSpec, pass: Pass): tf.Tensor2D {
  if (pass.dropoutSeed === null || pass.config.dropout === 0) return x;
  return tf.dropout(x, pass.config.dropout, undefined, deriveSeed(pass.dropoutSeed, layer.name, 'dropout')) as tf.Tensor2D;
}

function fcBlock(x: tf.Tensor2D, layer: FcLayerSpec, pass: Pass): tf.Tensor2D {
  let h = layer.dropout === 'input' ? drop(x, layer, pass) : x;
  h = tf.add(tf.matMul(h, pass.w(`${layer.name}/kernel`) as tf.Variable<tf.Rank.R2>), pass.w(`${layer.name}/bias`));
  if (!layer.activation) return h;
  h = activate(h, pass.config) as tf.Tensor2D;
  pass.tap?.({ layer: layer.name, kind: 'activation' }, h);
  return layer.dropout === 'output' ? drop(h, layer, pass) : h;
}

function checkInput(x: tf.Tensor4D, config: AlexNetConfig): void {
  const [, h, w, c] = x.shape;
  if (x.rank !== 4 || h !== config.inputSize || w !== config.inputSize || c !== 3 || x.dtype !== 'float32') {
    throw new Error(
      `AlexNet.apply: input is ${x.dtype} [${x.shape}]; expected float32 [batch, ${config.inputSize}, ${config.inputSize}, 3]`,
    );
  }
}

/** Per-step dropout seed, or null when dropout is off for this call. */
function resolveDropoutSeed(config: AlexNetConfig, opts: ApplyOptions): number | null {
  if (!opts.training || config.dropout === 0) return null;
  if (opts.dropoutSeed === undefined || !Number.isInteger(opts.dropoutSeed)) {
    throw new Error(`AlexNet.apply: training with dropout ${config.dropout} needs an integer dropoutSeed, got ${opts.dropoutSeed}`);
  }
  return opts.dropoutSeed;
}

/**
 * Builds the network described by `config` with freshly initialised variables. Throws an
 * InputError for an invalid config, including one whose feature maps collapse below 1x1.
 */
export function buildAlexNet(source: AlexNetConfig, opts: BuildOptions): AlexNet {
  if (!Number.isInteger(opts.initSeed)) throw new Error(`buildAlexNet: initSeed must be an integer, got ${opts.initSeed}`);
  // A private copy: a caller changing its config object later cannot change this model.
  const config = structuredClone(source);
  const fcs = fcLayers(config, flatUnits(config)); // flatUnits validates the config first
  const convs = convLayers(config);
  const weights = createVariables(weightSpecs(config), true, config, opts.initSeed);
  const state = createVariables(stateSpecs(config), false, config, opts.initSeed);
  const byName = new Map([...weights, ...state].map((w) => [w.name, w.variable]));
  let disposed = false;
  const lookup = (name: string) => byName.get(name)!;

  return {
    config,
    weights,
    state,
    apply(x, applyOpts) {
      if (disposed) throw new Error('AlexNet.apply: the model has been disposed');
      checkInput(x, config);
      const pass: Pass = {
        config, training: applyOpts.training, w: lookup, dropoutSeed: resolveDropoutSeed(config, applyOpts), tap: applyOpts.tap,
      };
      return tf.tidy(() => {
        let h = x;
        for (const layer of convs) h = convBlock(h, layer, pass);
        let f = tf.reshape(h, [x.shape[0], -1]) as tf.Tensor2D;
        for (const layer of fcs) f = fcBlock(f, layer, pass);
        return f;
      });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const w of [...weights, ...state]) w.variable.dispose();
    },
  };
}

/** What a saved net holds, in this fixed order: the trainable weights, then the state (final weights, ensembles). */
export function savedVariables(model: AlexNet): NamedWeight[] {
  return [...model.weights, ...model.state];
}
