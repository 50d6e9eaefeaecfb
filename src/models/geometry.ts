/**
 * A config's layer table (its layout, layouts.ts, with the config's counts and stem) and
 * the arithmetic on it: config validation, per-layer output sizes, weight shapes and the
 * parameter count. No tensors here, so the CLI can describe a 60M-parameter net
 * instantly; the builder (alexnet.ts) uses the same tables, so the count it reports and
 * the variables it creates cannot disagree.
 */
import { InputError, messages, oneOf } from '../core/errors.js';
import { requireActivation } from './activations.js';
import type { AlexNetConfig } from './config.js';
import { DROPOUT_PLACEMENT_NAMES, LAYOUT_NAMES, isLayout, layoutOf, type LayoutEntry } from './layouts.js';
import { validateLrn } from './lrn.js';
import { LRN_NORMALIZATION_NAMES, NORMALIZATIONS, requireNormalization } from './normalizations.js';

export interface ConvLayerSpec {
  /** The layout's name for it, e.g. 'conv2'. */
  name: string;
  kernelSize: number;
  stride: number;
  padding: number;
  /** 1, or config.towers where the layer only sees its own tower (grouped conv). */
  groups: number;
  inChannels: number;
  outChannels: number;
  /** A normalization slot: LRN acts after the activation here when the config's normalization has it. */
  normalize: boolean;
  /** Batch normalization acts before the activation here (the config's normalization has it; every conv layer then). */
  batchNorm: boolean;
  /** Name of the max pooling after the activation (and normalization), or null. */
  pool: string | null;
  /** Bias initialised to config.positiveBias instead of 0. */
  positiveBias: boolean;
}

export interface FcLayerSpec {
  /** The layout's name for it, e.g. 'fc6'. */
  name: string;
  inUnits: number;
  outUnits: number;
  /** Dropout on this layer's input or output while training (when config.dropout > 0), or none. */
  dropout: 'input' | 'output' | null;
  /** false for the logits layer. */
  activation: boolean;
  positiveBias: boolean;
}

export interface LayerShape {
  /** A conv or pooling layer of the layout, e.g. 'conv1', 'pool1'. */
  layer: string;
  /** Height = width of the layer's output, in pixels. */
  sizePx: number;
  channels: number;
}

export interface WeightSpec {
  /** Stable name, e.g. 'conv2/kernel', 'fc6/bias', 'conv1/bn/gamma'. */
  name: string;
  /** Kernels: [kh, kw, cin / groups, cout] (one variable for all towers, as Caffe stores it); dense: [in, out]; per channel: [cout]. */
  shape: number[];
  init: 'normal' | 'positive' | 'zero' | 'one';
}

/** The conv layers of the config's layout (layouts.ts), with channel counts from config.kernels. */
export function convLayers(config: AlexNetConfig): ConvLayerSpec[] {
  return layoutOf(config.layout).convs.map((slot, i) => {
    const { kernelSize, stride, padding } = slot.geometry === 'stem' ? config.stem : slot.geometry;
    return {
      name: slot.name, kernelSize, stride, padding,
      groups: slot.grouped ? config.towers : 1,
      inChannels: i === 0 ? 3 : config.kernels[i - 1],
      outChannels: config.kernels[i],
      normalize: slot.normSlot,
      batchNorm: NORMALIZATIONS[config.normalization].usesBatchNorm,
      pool: slot.pool,
      positiveBias: slot.positiveBias,
    };
  });
}

/**
 * The hidden dense layers of the layout (config.fcUnits), then the logits layer (bias 0).
 * Dropout acts at the hidden layers (AlexNet: fc6 and fc7, section 4.2 "dropout in the
 * first two fully-connected layers"), on their outputs or inputs (config.dropoutPlacement).
 */
export function fcLayers(config: AlexNetConfig, flatUnits: number): FcLayerSpec[] {
  const layout = layoutOf(config.layout);
  const inputs = [flatUnits, ...config.fcUnits];
  const dropout = config.dropoutPlacement === 'fc-outputs' ? 'output' : 'input';
  const hidden = layout.hidden.map((slot, i): FcLayerSpec => ({
    name: slot.name, inUnits: inputs[i], outUnits: config.fcUnits[i], dropout, activation: true, positiveBias: slot.positiveBias,
  }));
  const logits: FcLayerSpec = {
    name: layout.logits, inUnits: inputs[hidden.length], outUnits: config.classes, dropout: null, activation: false, positiveBias: false,
  };
  return [...hidden, logits];
}

function requireInt(where: string, value: number, min: number, hint: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new InputError(`${where}: ${value} is not allowed; use an integer >= ${min}${hint}`);
  }
}

/** Throws an InputError naming the field unless the config is structurally valid. */
export function validateConfig(config: AlexNetConfig): void {
  requireActivation(config.activation);
  if (!isLayout(config.layout)) throw new InputError(messages.notAllowed('layout', config.layout, LAYOUT_NAMES));
  const layout = layoutOf(config.layout);
  if (config.towers !== 1 && config.towers !== 2) {
    throw new InputError(`towers: ${config.towers} is not allowed; use 1 or 2`);
  }
  if (!layout.towers.includes(config.towers)) {
    throw new InputError(`towers: ${config.towers} is not allowed for layout "${config.layout}"; use ${layout.towers.join(' or ')} (it has no grouped layer)`);
  }
  if (!(Number.isFinite(config.dropout) && config.dropout >= 0 && config.dropout < 1)) {
    throw new InputError(`dropout: ${config.dropout} is not allowed; use a rate in [0, 1)`);
  }
  if (!(DROPOUT_PLACEMENT_NAMES as readonly unknown[]).includes(config.dropoutPlacement)) {
    throw new InputError(messages.notAllowed('dropoutPlacement', config.dropoutPlacement, DROPOUT_PLACEMENT_NAMES));
  }
  requireInt('pool.size', config.pool.size, 1, ' (the paper: 3)');
  requireInt('pool.stride', config.pool.stride, 1, ' (the paper: 2)');
  validateCounts(config, layout);
  // With 2 towers every conv layer's output is split in halves: conv2/4/5 by their own
  // groups, conv1 and conv3 because the grouped layer after them splits its input.
  config.kernels.forEach((k, i) => {
    requireInt(`kernels[${i}]`, k, 1, '');
    if (k % config.towers !== 0) {
      throw new InputError(`kernels[${i}]: ${k} is not divisible by towers ${config.towers}; use a multiple of ${config.towers}`);
    }
  });
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

/** One kernel count per conv layer and one unit count per hidden dense layer of the layout. */
function validateCounts(config: AlexNetConfig, layout: LayoutEntry): void {
  const convs = layout.convs.map((c) => c.name);
  const hidden = layout.hidden.map((d) => d.name);
  if (!Array.isArray(config.kernels) || config.kernels.length !== convs.length) {
    throw new InputError(`kernels: ${countOf(config.kernels)} given; layout "${config.layout}" has ${convs.length} conv layers (${convs.join(', ')}); give ${convs.length}`);
  }
  if (!Array.isArray(config.fcUnits) || config.fcUnits.length !== hidden.length) {
    const names = hidden.length ? ` (${hidden.join(', ')})` : '';
    throw new InputError(`fcUnits: ${countOf(config.fcUnits)} given; layout "${config.layout}" has ${hidden.length} hidden dense layers${names}; give ${hidden.length}`);
  }
  if (config.dropout > 0 && hidden.length === 0) {
    throw new InputError(`dropout: ${config.dropout} would act on no layer: layout "${config.layout}" has no hidden dense layer; use 0`);
  }
}

/** "1 count", "3 counts", or the value itself when it is no list. */
function countOf(list: unknown): string {
  if (!Array.isArray(list)) return String(list);
  return `${list.length} count${list.length === 1 ? '' : 's'}`;
}

/** A declared normalization, with LRN's parameters exactly when it uses them. */
function validateNormalization(config: AlexNetConfig): void {
  requireNormalization(config.normalization);
  const usesLrn = NORMALIZATIONS[config.normalization].usesLrn;
  if (usesLrn && config.lrn === null) {
    throw new InputError(`lrn: null, but normalization "${config.normalization}" needs LRN's parameters; give them (the paper: k 2, n 5, alpha 1e-4, beta 0.75)`);
  }
  if (!usesLrn && config.lrn !== null) {
    throw new InputError(`lrn: parameters given, but normalization is "${config.normalization}"; use normalization ${oneOf(LRN_NORMALIZATION_NAMES)}, or no LRN parameters`);
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
    const pool = layer.pool;
    if (pool === null) continue;
    sizePx = windowOutputPx(sizePx, config.pool.size, config.pool.stride, 0);
    if (sizePx < 1) throw collapseError(pool, sizePx, config);
    shapes.push({ layer: pool, sizePx, channels: layer.outChannels });
  }
  return shapes;
}

/** Units after flattening the last conv or pooling output (the paper at 227 px: pool5, 6 x 6 x 256 = 9216). */
export function flatUnits(config: AlexNetConfig): number {
  const last = outputShapes(config).at(-1)!;
  return last.sizePx * last.sizePx * last.channels;
}

/**
 * Every trainable tensor, in the fixed order the builder creates them: per layer kernel,
 * bias, then with batch normalization the conv layer's gamma (init 1) and beta (init 0).
 */
export function weightSpecs(config: AlexNetConfig): WeightSpec[] {
  const flat = flatUnits(config); // validates the config before any shape is computed
  const specs: WeightSpec[] = [];
  const bias = (positive: boolean): WeightSpec['init'] => (positive ? 'positive' : 'zero');
  for (const c of convLayers(config)) {
    specs.push({ name: `${c.name}/kernel`, shape: [c.kernelSize, c.kernelSize, c.inChannels / c.groups, c.outChannels], init: 'normal' });
    specs.push({ name: `${c.name}/bias`, shape: [c.outChannels], init: bias(c.positiveBias) });
    if (!c.batchNorm) continue;
    specs.push({ name: `${c.name}/bn/gamma`, shape: [c.outChannels], init: 'one' });
    specs.push({ name: `${c.name}/bn/beta`, shape: [c.outChannels], init: 'zero' });
  }
  for (const f of fcLayers(config, flat)) {
    specs.push({ name: `${f.name}/kernel`, shape: [f.inUnits, f.outUnits], init: 'normal' });
    specs.push({ name: `${f.name}/bias`, shape: [f.outUnits], init: bias(f.positiveBias) });
  }
  return specs;
}

/**
 * The model's non-trainable state, in a fixed order: per conv layer with batch
 * normalization its running mean (init 0) and running variance (init 1); none without.
 */
export function stateSpecs(config: AlexNetConfig): WeightSpec[] {
  validateConfig(config);
  return convLayers(config).filter((c) => c.batchNorm).flatMap((c): WeightSpec[] => [
    { name: `${c.name}/bn/mean`, shape: [c.outChannels], init: 'zero' },
    { name: `${c.name}/bn/variance`, shape: [c.outChannels], init: 'one' },
  ]);
}

const sizeOf = (specs: WeightSpec[]) => specs.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);

/**
 * Trainable parameters, without building tensors (the paper at 227 px, 1000 classes:
 * 60,965,224). Batch normalization's gamma and beta count; its running statistics do not
 * (they are state, not learned by gradient: countStateValues).
 */
export function countParameters(config: AlexNetConfig): number {
  return sizeOf(weightSpecs(config));
}

/** Values of the model's state (batch normalization's running mean and variance): 0 without batch normalization. */
export function countStateValues(config: AlexNetConfig): number {
  return sizeOf(stateSpecs(config));
}
