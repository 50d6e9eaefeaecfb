/**
 * A config's net as a framework-neutral layer table, in the order the builder (alexnet.ts)
 * applies the layers: what a twin in another framework needs to build the same geometry
 * (bench/pytorch-reference.py --net builds its PyTorch twin from it, so `bench perf`
 * figures can be set beside PyTorch's for the very net an experiment trains). Taken from
 * geometry.ts's tables, which the builder walks too, so the two cannot disagree.
 */
import type { AlexNetConfig } from './config.js';
import { convLayers, fcLayers, flatUnits } from './geometry.js';
import { NORMALIZATIONS } from './normalizations.js';
import { pytorchLrnParams, type PytorchLrnParams } from './lrn.js';
import type { ActivationName } from './activations.js';

export interface TableConv {
  name: string;
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  stride: number;
  padding: number;
  /** 2 where the layer sees only its own tower (grouped convolution, paper section 3.2). */
  groups: number;
  /** Batch normalization between the conv (with its bias) and the activation. */
  batchNorm: boolean;
  /** LRN after the activation, within each of `lrnGroups` channel groups, in PyTorch's arguments (lrn.ts); null for none. */
  lrn: PytorchLrnParams | null;
  lrnGroups: number;
  /** Max pooling after the activation (and LRN), or null. */
  pool: { size: number; stride: number } | null;
}

export interface TableDense {
  name: string;
  inUnits: number;
  outUnits: number;
  /** Followed by the activation (false for the logits layer). */
  activation: boolean;
  /** Dropout on the layer's input or output while training, or none. */
  dropout: 'input' | 'output' | null;
}

export interface LayerTable {
  /** The input is [batch, inputSize, inputSize, 3] (NHWC here; NCHW in PyTorch, the same arithmetic). */
  inputSize: number;
  activation: ActivationName;
  /** Dropout rate at the dense layers that have dropout (0: none). */
  dropoutRate: number;
  convs: TableConv[];
  dense: TableDense[];
}

export function layerTable(config: AlexNetConfig): LayerTable {
  const usesLrn = NORMALIZATIONS[config.normalization].usesLrn && config.lrn !== null;
  const convs = convLayers(config).map((c): TableConv => ({
    name: c.name, inChannels: c.inChannels, outChannels: c.outChannels, kernelSize: c.kernelSize, stride: c.stride, padding: c.padding,
    groups: c.groups, batchNorm: c.batchNorm,
    lrn: usesLrn && c.normalize ? pytorchLrnParams(config.lrn!) : null,
    lrnGroups: config.towers,
    pool: c.pool === null ? null : { size: config.pool.size, stride: config.pool.stride },
  }));
  const dense = fcLayers(config, flatUnits(config)).map((f): TableDense => ({
    name: f.name, inUnits: f.inUnits, outUnits: f.outUnits, activation: f.activation, dropout: config.dropout > 0 ? f.dropout : null,
  }));
  return { inputSize: config.inputSize, activation: config.activation, dropoutRate: config.dropout, convs, dense };
}
