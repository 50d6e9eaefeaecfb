/**
 * The activation-sized tensors one training step of the builder (alexnet.ts) holds under
 * tfjs-core's rules, per image, op by op from the layer table (geometry.ts). netMemory
 * (memory.ts) counts each kept activation once, as a framework that frees what no gradient
 * needs would; tfjs keeps more, in three groups that are alive together at the end of the
 * backward pass:
 *
 *   forward   the outputs of the forward pass's ops. apply() runs in one tf.tidy, so every
 *             output lives until it returns (grouped convolution and the towers' LRN free
 *             their halves in their own tidy): per conv layer the convolution, the bias
 *             sum, batch normalization's output, the activation, LRN and the pooling; per
 *             dense layer the product, the bias sum, the activation, and dropout's chain
 *             (tf.dropout: a uniform draw, + keep, floor, / keep, times x); the loss. This
 *             is also what an inference pass holds (evaluation, ten-patch testing).
 *   saved     what tfjs's gradient tape saves for the backward pass: each op's inputs and
 *             outputs as its gradient definition names them (tfjs-core gradients/*_grad):
 *             Conv2D its input; Add (the bias) its input; Relu its input, Tanh and Sigmoid
 *             their output; LRN and MaxPool input and output; Concat all inputs; Reshape
 *             (flatten) its input; MatMul its input; dropout's Add, RealDiv and Mul their
 *             inputs; batch normalization's Mean, Sub, Square, Mean, RealDiv, Mul and Add
 *             one activation each. The weights these ops save are not activations: every
 *             weight is saved once (parameters), counted by the caller.
 *   gradient  the activation gradients backprop computes. tfjs keeps every one until the
 *             whole backward pass ends (tape.ts accumulates them in one map, freed with
 *             the pass's tidy). Add's and Reshape's input gradients are reshapes of their
 *             output gradient and share its buffer; dropout's mask has none.
 *
 * The image itself is not listed: it is the batch, which the caller counts.
 */
import type { AlexNetConfig } from './config.js';
import { convLayers, fcLayers, flatUnits, outputShapes, type ConvLayerSpec, type FcLayerSpec } from './geometry.js';
import { NORMALIZATIONS } from './normalizations.js';

export type StepHolder = 'forward' | 'saved' | 'gradient';

export interface StepTensor {
  /** The layout's layer ('conv1', 'pool1', 'fc6', 'loss'). */
  layer: string;
  /** What it is, for a reader of the breakdown. */
  tensor: string;
  holder: StepHolder;
  /** Values per image, float32 (the few int32 and bool values of top-k count as float32). */
  valuesPerImage: number;
}

/** tf.dropout's ops per value of the tensor it acts on (see the module comment). */
const DROPOUT = { forward: 5, saved: 4, gradient: 1 };
/** Batch normalization's activation-sized tensors per value (batch-norm.ts): output; saved Mean, Sub, Square, Mean, RealDiv, Mul, Add inputs; gradients of centred (2, summed), squared, normalised, scaled, and the input's second part and sum. */
const BATCH_NORM = { forward: 1, saved: 7, gradient: 7 };
/** Loss and top-k misses per class (metrics.ts, both on the tape): logSoftmax, product, sum, gather, comparisons. */
const LOSS = { forward: 4, saved: 8, gradient: 2 };

type Add = (layer: string, tensor: string, holder: StepHolder, values: number) => void;

/** One conv layer with its batch norm, activation, LRN and pooling; returns the values of its output. */
function convTensors(add: Add, conv: ConvLayerSpec, ctx: { inValues: number; first: boolean; towers: number; lrn: boolean; shapes: Map<string, number> }): number {
  const v = ctx.shapes.get(conv.name)!;
  const name = conv.name;
  add(name, 'input (Conv2D)', 'saved', ctx.inValues);
  if (conv.groups > 1) {
    // SplitV's halves of the input have gradients (the first layer's input, the image, has none).
    if (!ctx.first) add(name, 'input halves', 'gradient', ctx.inValues);
    add(name, 'convolution halves (Concat)', 'saved', v);
    add(name, 'convolution halves', 'gradient', v);
  }
  add(name, 'convolution', 'forward', v);
  add(name, 'convolution (Add)', 'saved', v);
  add(name, 'convolution + bias', 'forward', v);
  add(name, 'convolution + bias', 'gradient', v);
  if (conv.batchNorm) {
    add(name, 'batch normalization', 'forward', BATCH_NORM.forward * v);
    add(name, 'batch normalization steps', 'saved', BATCH_NORM.saved * v);
    add(name, 'batch normalization steps', 'gradient', BATCH_NORM.gradient * v);
  }
  add(name, 'activation', 'forward', v);
  add(name, 'activation (its input or output)', 'saved', v);
  add(name, 'activation', 'gradient', v);
  if (conv.normalize && ctx.lrn) {
    add(name, 'LRN', 'forward', v);
    add(name, 'LRN input and output', 'saved', 2 * v);
    add(name, 'LRN', 'gradient', v);
    if (ctx.towers > 1) {
      add(name, 'LRN halves (Concat)', 'saved', v);
      add(name, 'LRN halves: inputs and outputs', 'gradient', 2 * v);
    }
  }
  if (conv.pool === null) return v;
  const p = ctx.shapes.get(conv.pool)!;
  add(conv.pool, 'pooling', 'forward', p);
  add(conv.pool, 'pooling input and output', 'saved', v + p);
  add(conv.pool, 'pooling', 'gradient', p);
  return p;
}

function dropoutTensors(add: Add, layer: string, values: number): void {
  for (const holder of ['forward', 'saved', 'gradient'] as const) add(layer, 'dropout', holder, DROPOUT[holder] * values);
}

function fcTensors(add: Add, fc: FcLayerSpec, dropout: boolean): void {
  const name = fc.name;
  if (dropout && fc.dropout === 'input') dropoutTensors(add, name, fc.inUnits);
  add(name, 'input (MatMul)', 'saved', fc.inUnits);
  add(name, 'product', 'forward', fc.outUnits);
  add(name, 'product (Add)', 'saved', fc.outUnits);
  add(name, 'product + bias', 'forward', fc.outUnits);
  add(name, 'product + bias', 'gradient', fc.outUnits);
  if (!fc.activation) return;
  add(name, 'activation', 'forward', fc.outUnits);
  add(name, 'activation (its input or output)', 'saved', fc.outUnits);
  add(name, 'activation', 'gradient', fc.outUnits);
  if (dropout && fc.dropout === 'output') dropoutTensors(add, name, fc.outUnits);
}

/** Every activation-sized tensor of one training step of `config`, per image (see the module comment). */
export function stepTensors(config: AlexNetConfig): StepTensor[] {
  const shapes = new Map(outputShapes(config).map((s) => [s.layer, s.sizePx * s.sizePx * s.channels]));
  const lrn = NORMALIZATIONS[config.normalization].usesLrn && config.lrn !== null;
  const tensors: StepTensor[] = [];
  const add: Add = (layer, tensor, holder, valuesPerImage) => tensors.push({ layer, tensor, holder, valuesPerImage });
  let inValues = config.inputSize * config.inputSize * 3;
  convLayers(config).forEach((conv, i) => {
    inValues = convTensors(add, conv, { inValues, first: i === 0, towers: config.towers, lrn, shapes });
  });
  const flat = flatUnits(config);
  add('flatten', 'input (Reshape)', 'saved', flat);
  for (const fc of fcLayers(config, flat)) fcTensors(add, fc, config.dropout > 0);
  for (const holder of ['forward', 'saved', 'gradient'] as const) add('loss', 'loss and top-k', holder, LOSS[holder] * config.classes);
  return tensors;
}

/** Values per image of each holder. */
export function stepValues(tensors: readonly StepTensor[]): Record<StepHolder, number> {
  const sums: Record<StepHolder, number> = { forward: 0, saved: 0, gradient: 0 };
  for (const t of tensors) sums[t.holder] += t.valuesPerImage;
  return sums;
}
