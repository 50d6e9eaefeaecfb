/**
 * The memory a net needs to train, computed from its layer table (geometry.ts) alone, in
 * bytes at float32: what a reader weighs against one device's memory when asking whether
 * the paper's split over two GPUs is still needed (`bench models --memory`, the report).
 *
 *   parameters   every trainable weight (countParameters)
 *   gradients    one value per parameter
 *   optimizer    SGD with momentum: one velocity per parameter (src/train/sgd.ts)
 *   activations  the tensors a training step keeps for its backward pass, per image times
 *                the batch size, counted once each:
 *                  the input image;
 *                  per conv layer: its output before the activation (convolution + bias),
 *                  after the activation, after the normalization (where the net has one
 *                  at that layer) and after the pooling (where it pools);
 *                  per hidden dense layer: before and after the activation, and the
 *                  dropout output (where dropout acts, on the layer's input or output);
 *                  the logits.
 *                A layer's input is the previous layer's output and is not counted twice;
 *                flattening is a reshape and holds no copy. Not counted: the loss and
 *                softmax (batch x classes), dropout masks, the engine's temporaries.
 *
 * A measurement differs: an engine keeps more (tfjs's tape saves each op's inputs,
 * including the halves of a grouped convolution and the steps inside LRN and dropout,
 * and holds workspace) or fewer (it frees what no later gradient needs); `bench perf`
 * reports what one engine measured. docs/PERFORMANCE.md compares the two.
 */
import type { AlexNetConfig } from './config.js';
import { convLayers, countParameters, fcLayers, flatUnits, outputShapes } from './geometry.js';
import { NORMALIZATIONS } from './normalizations.js';
import { MODEL_VARIANTS, variantConfig, type ModelVariantName } from './variants.js';

/** Bytes of one float32 value. */
export const BYTES_PER_VALUE = 4;

/** One tensor kept for the backward pass. */
export interface KeptActivation {
  /** The layer it belongs to ('input' for the image). */
  layer: string;
  tensor: 'input' | 'pre-activation' | 'activation' | 'normalization' | 'pool' | 'dropout' | 'logits';
  /** Values per image. */
  valuesPerImage: number;
}

export interface NetMemory {
  batchSize: number;
  parameters: number;
  parameterBytes: number;
  gradientBytes: number;
  optimizerBytes: number;
  activationBytes: number;
  /** Sum of the four above. */
  totalBytes: number;
  /** What activationBytes counts, in forward order; bytes = valuesPerImage x batchSize x 4. */
  activations: KeptActivation[];
}

export interface MemoryOptions {
  batchSize: number;
}

/** The tensors kept for the backward pass, per image (see the module comment). */
export function keptActivations(config: AlexNetConfig): KeptActivation[] {
  const shapes = new Map(outputShapes(config).map((s) => [s.layer, s.sizePx * s.sizePx * s.channels]));
  const normalizes = NORMALIZATIONS[config.normalization].site !== null;
  const dropout = config.dropout > 0;
  const kept: KeptActivation[] = [{ layer: 'input', tensor: 'input', valuesPerImage: config.inputSize * config.inputSize * 3 }];
  for (const conv of convLayers(config)) {
    const values = shapes.get(conv.name)!;
    kept.push({ layer: conv.name, tensor: 'pre-activation', valuesPerImage: values }, { layer: conv.name, tensor: 'activation', valuesPerImage: values });
    if (conv.normalize && normalizes) kept.push({ layer: conv.name, tensor: 'normalization', valuesPerImage: values });
    if (conv.pool !== null) kept.push({ layer: conv.pool, tensor: 'pool', valuesPerImage: shapes.get(conv.pool)! });
  }
  for (const fc of fcLayers(config, flatUnits(config))) {
    if (!fc.activation) {
      kept.push({ layer: fc.name, tensor: 'logits', valuesPerImage: fc.outUnits });
      continue;
    }
    if (dropout && fc.dropout === 'input') kept.push({ layer: fc.name, tensor: 'dropout', valuesPerImage: fc.inUnits });
    kept.push({ layer: fc.name, tensor: 'pre-activation', valuesPerImage: fc.outUnits }, { layer: fc.name, tensor: 'activation', valuesPerImage: fc.outUnits });
    if (dropout && fc.dropout === 'output') kept.push({ layer: fc.name, tensor: 'dropout', valuesPerImage: fc.outUnits });
  }
  return kept;
}

/** The training memory of `config` at `batchSize` (see the module comment); validates the config. */
export function netMemory(config: AlexNetConfig, { batchSize }: MemoryOptions): NetMemory {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`netMemory: batchSize must be a positive integer, got ${batchSize}`);
  const activations = keptActivations(config);
  const parameters = countParameters(config);
  const parameterBytes = parameters * BYTES_PER_VALUE;
  const activationBytes = activations.reduce((n, a) => n + a.valuesPerImage, 0) * batchSize * BYTES_PER_VALUE;
  return {
    batchSize,
    parameters,
    parameterBytes,
    gradientBytes: parameterBytes,
    optimizerBytes: parameterBytes,
    activationBytes,
    totalBytes: 3 * parameterBytes + activationBytes,
    activations,
  };
}

export interface VariantMemory {
  name: ModelVariantName;
  inputSize: number;
  memory: NetMemory;
}

/** netMemory of every declared variant (`bench models --memory`); inputSize defaults to each variant's own. */
export function describeMemory(opts: { inputSize?: number; classes?: number; batchSize: number }): VariantMemory[] {
  return MODEL_VARIANTS.map((name) => {
    const config = variantConfig(name, { inputSize: opts.inputSize, classes: opts.classes });
    return { name, inputSize: config.inputSize, memory: netMemory(config, { batchSize: opts.batchSize }) };
  });
}
