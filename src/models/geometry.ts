/**
 * The AlexNet layer table as data, and the arithmetic on it: config validation, per-layer
 * output sizes, weight shapes and the parameter count. No tensors here, so the CLI can
 * describe a 60M-parameter net instantly; the builder (alexnet.ts) uses the same tables,
 * so the count it reports and the variables it creates cannot disagree.
 */
import { InputError } from '../core/errors.js';
import { requireActivation } from './activations.js';
import type { AlexNetConfig } from './config.js';
import { validateLrn } from './lrn.js';
import { NORMALIZATIONS, requireNormalization } from './normalizations.js';

export type ConvLayerName = 'conv1' | 'conv2' | 'conv3' | 'conv4' | 'conv5';
export type FcLayerName = 'fc6' | 'fc7' | 'fc8';

export interface ConvLayerSpec {
  name: ConvLayerName;
  kernelSize: number;
  stride: number;
  padding: number;
  /** 1, or config.towers where the layer only sees its own tower (grouped conv). */
  groups: number;
  inChannels: number;
  outChannels: number;
  /** LRN after the activation (when config.lrn is set). */
  lrn: boolean;
  /** Max pooling after the activation (and LRN). */
  pool: boolean;
  /** Bias initialised to config.positiveBias instead of 0. */
  positiveBias: boolean;
}

export interface FcLayerSpec {
  name: FcLayerName;
  inUnits: number;
  outUnits: number;
  /** Dropout on this layer's input while training (when config.dropout > 0). */
  dropoutBefore: boolean;
  /** false for fc8, whose outputs are the logits. */
  activation: boolean;
  positiveBias: boolean;
}

export interface LayerShape {
  layer: ConvLayerName | 'pool1' | 'pool2' | 'pool5';
  /** Height = width of the layer's output, in pixels. */
  sizePx: number;
  channels: number;
}

export interface WeightSpec {
  /** Stable name, e.g. 'conv2/kernel', 'fc6/bias'. */
  name: string;
  /** Kernels: [kh, kw, cin / groups, cout] (one variable for all towers, as Caffe stores it); dense: [in, out]. */
  shape: number[];
  init: 'normal' | 'positive' | 'zero';
}

/**
 * conv2..conv5 geometry (paper section 3.5 and figure 2): 5x5 for conv2, 3x3 for conv3-5.
 * The paper gives no padding; these are the "same" paddings of cuda-convnet / Caffe that
 * keep 27x27 and 13x13 maps, which is what the paper's 13x13x256 pool5 input implies.
 * Towers (section 3.2): conv2, conv4, conv5 see only their own tower, conv3 sees both.
 * LRN follows conv1 and conv2, max pooling follows LRN1, LRN2 and conv5 (section 3.5).
 * Bias 1 in conv2, conv4, conv5 (section 5).
 */
export function convLayers(config: AlexNetConfig): ConvLayerSpec[] {
  const [k1, k2, k3, k4, k5] = config.kernels;
  const t = config.towers;
  const { kernelSize, stride, padding } = config.stem;
  return [
    { name: 'conv1', kernelSize, stride, padding, groups: 1, inChannels: 3, outChannels: k1, lrn: true, pool: true, positiveBias: false },
    { name: 'conv2', kernelSize: 5, stride: 1, padding: 2, groups: t, inChannels: k1, outChannels: k2, lrn: true, pool: true, positiveBias: true },
    { name: 'conv3', kernelSize: 3, stride: 1, padding: 1, groups: 1, inChannels: k2, outChannels: k3, lrn: false, pool: false, positiveBias: false },
    { name: 'conv4', kernelSize: 3, stride: 1, padding: 1, groups: t, inChannels: k3, outChannels: k4, lrn: false, pool: false, positiveBias: true },
    { name: 'conv5', kernelSize: 3, stride: 1, padding: 1, groups: t, inChannels: k4, outChannels: k5, lrn: false, pool: true, positiveBias: true },
  ];
}

/**
 * fc6, fc7 (hidden, bias 1: section 5) and fc8 (logits, bias 0). Dropout on the inputs of
 * fc6 and fc7 (section 4.2 "dropout in the first two fully-connected layers"; placed as in
 * torchvision, i.e. AlexNetConfig.dropout's "before fc6 and fc7").
 */
export function fcLayers(config: AlexNetConfig, flatUnits: number): FcLayerSpec[] {
  const [f6, f7] = config.fcUnits;
  return [
    { name: 'fc6', inUnits: flatUnits, outUnits: f6, dropoutBefore: true, activation: true, positiveBias: true },
    { name: 'fc7', inUnits: f6, outUnits: f7, dropoutBefore: true, activation: true, positiveBias: true },
    { name: 'fc8', inUnits: f7, outUnits: config.classes, dropoutBefore: false, activation: false, positiveBias: false },
  ];
}

function requireInt(where: string, value: number, min: number, hint: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(`${where}: ${value} is not allowed; use an integer >= ${min}${hint}`);
  }
}

/** Throws an InputError naming the field unless the config is structurally valid. */
export function validateConfig(config: AlexNetConfig): void {
  requireActivation(config.activation);
  if (config.towers !== 1 && config.towers !== 2) {
    throw new InputError(`towers: ${config.towers} is not allowed; use 1 or 2`);
  }
  if (!(Number.isFinite(config.dropout) && config.dropout >= 0 && config.dropout < 1)) {
    throw new InputError(`dropout: ${config.dropout} is not allowed; use a rate in [0, 1)`);
  }
  requireInt('pool.size', config.pool.size, 1, ' (the paper: 3)');
  requireInt('pool.stride', config.pool.stride, 1, ' (the paper: 2)');
  if (config.kernels.length !== 5) throw new InputError(`kernels: ${config.kernels.length} counts given; give 5 (conv1..conv5)`);
  // With 2 towers every conv layer's output is split in halves: conv2/4/5 by their own
  // groups, conv1 and conv3 because the grouped layer after them splits its input.
  config.kernels.forEach((k, i) => {
    requireInt(`kernels[${i}]`, k, 1, '');
    if (k % config.towers !== 0) {
      throw new InputError(`kernels[${i}]: ${k} is not divisible by towers ${config.towers}; use a multiple of ${config.towers}`);
    }
  });
  if (config.fcUnits.length !== 2) throw new InputError(`fcUnits: ${config.fcUnits.length} counts given; give 2 (fc6, fc7)`);
  config.fcUnits.forEach((u, i) => requireInt(`fcUnits[${i}]`, u, 1, ''));
  requireInt('inputSize', config.inputSize, 1, '');
  requireInt('classes', config.classes, 1, '');
  requireInt('stem.kernelSize', config.stem.kernelSize, 1, ' (the paper: 11)');
  requireInt('stem.stride', config.stem.stride, 1, ' (the paper: 4)');
  requireInt('stem.padding', config.stem.padding, 0, ' (the paper: 0)');
  if (!Number.isFinite(config.positiveBias)) throw new InputError(`positiveBias: ${config.positiveBias} is not a finite number; use 1 (the paper) or 0.1 (Caffe)`);
  if (!(Number.isFinite(config.initStd) && config.initStd > 0)) {
    throw new InputError(`initStd: ${config.initStd} is not allowed; use a number > 0 (the paper: 0.01)`);
  }
  validateNormalization(config);
}

/** A declared normalization, with LRN's parameters exactly when it uses them. */
function validateNormalization(config: AlexNetConfig): void {
  requireNormalization(config.normalization);
  const usesLrn = NORMALIZATIONS[config.normalization].usesLrn;
  if (usesLrn && config.lrn === null) {
    throw new InputError(`lrn: null, but normalization "${config.normalization}" needs LRN's parameters; give them (the paper: k 2, n 5, alpha 1e-4, beta 0.75)`);
  }
  if (!usesLrn && config.lrn !== null) {
    throw new InputError(`lrn: parameters given, but normalization is "${config.normalization}"; use normalization "lrn" or no LRN parameters`);
  }
  if (config.lrn !== null) validateLrn(config.lrn);
}

/** floor((in + 2p - k) / s) + 1, the size of a 'valid' window sweep over a padded input. */
function windowOutputPx(inPx: number, kernel: number, stride: number, padding: number): number {
  const span = inPx + 2 * padding - kernel;
  return span < 0 ? 0 : Math.floor(span / stride) + 1;
}

function collapseError(layer: string, sizePx: number, config: AlexNetConfig): InputError {
  const { kernelSize, stride } = config.stem;
  const px = Math.max(0, sizePx);
  return new InputError(
    `${layer} output is ${px}x${px} for inputSize ${config.inputSize} with stem ${kernelSize}/${stride}` +
      ` and pool ${config.pool.size}/${config.pool.stride}; use a smaller stem or a larger inputSize`,
  );
}

/**
 * Output size of every conv and pooling layer, computed arithmetically. Validates the
 * config and throws an InputError naming the first layer whose output is smaller than 1x1.
 */
export function outputShapes(config: AlexNetConfig): LayerShape[] {
  validateConfig(config);
  const shapes: LayerShape[] = [];
  let sizePx = config.inputSize;
  for (const layer of convLayers(config)) {
    sizePx = windowOutputPx(sizePx, layer.kernelSize, layer.stride, layer.padding);
    if (sizePx < 1) throw collapseError(layer.name, sizePx, config);
    shapes.push({ layer: layer.name, sizePx, channels: layer.outChannels });
    if (!layer.pool) continue;
    const pool = `pool${layer.name.slice(4)}` as LayerShape['layer'];
    sizePx = windowOutputPx(sizePx, config.pool.size, config.pool.stride, 0);
    if (sizePx < 1) throw collapseError(pool, sizePx, config);
    shapes.push({ layer: pool, sizePx, channels: layer.outChannels });
  }
  return shapes;
}

/** Units after flattening pool5 (the paper at 227 px: 6 x 6 x 256 = 9216). */
export function flatUnits(config: AlexNetConfig): number {
  const last = outputShapes(config).at(-1)!;
  return last.sizePx * last.sizePx * last.channels;
}

/** Every trainable tensor, in the fixed order the builder creates them (kernel, then bias, per layer). */
export function weightSpecs(config: AlexNetConfig): WeightSpec[] {
  const flat = flatUnits(config); // validates the config before any shape is computed
  const specs: WeightSpec[] = [];
  const bias = (positive: boolean): WeightSpec['init'] => (positive ? 'positive' : 'zero');
  for (const c of convLayers(config)) {
    specs.push({ name: `${c.name}/kernel`, shape: [c.kernelSize, c.kernelSize, c.inChannels / c.groups, c.outChannels], init: 'normal' });
    specs.push({ name: `${c.name}/bias`, shape: [c.outChannels], init: bias(c.positiveBias) });
  }
  for (const f of fcLayers(config, flat)) {
    specs.push({ name: `${f.name}/kernel`, shape: [f.inUnits, f.outUnits], init: 'normal' });
    specs.push({ name: `${f.name}/bias`, shape: [f.outUnits], init: bias(f.positiveBias) });
  }
  return specs;
}

/** Trainable parameters, without building tensors (the paper at 227 px, 1000 classes: 60,965,224). */
export function countParameters(config: AlexNetConfig): number {
  return weightSpecs(config).reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);
}
