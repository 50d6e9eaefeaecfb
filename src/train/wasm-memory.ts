/**
 * The heap a run needs on the `wasm` engine, estimated from the layer table alone: the
 * terms of netMemory (models/memory.ts: weights, gradients, momentum) plus what tfjs and
 * the wasm backend keep besides, each measured with bench/wasm-heap.ts (which follows
 * every allocation of a real step) and counted here analytically. The heap never shrinks,
 * so the largest phase counts. The phases and their terms, all float32:
 *
 * forward pass (until apply() returns) and backward pass (until the last gradient):
 *   weights, momentum      netMemory's parameter terms; alive all run long.
 *   weight copies          tfjs's tape saves every op's inputs for the backward pass, and
 *                          the wasm backend's Identity kernel (engine.clone) copies them:
 *                          each weight is saved once (its Conv2D, MatMul or Add), so the
 *                          tape holds one copy of every parameter. (The cpu backend shares
 *                          instead; this is why wasm needs more.)
 *   transposed fc weights  the fc forward product keeps B^T, one copy of each large fc
 *                          weight, while the weight lives (wasm-kernels/batch-mat-mul.ts).
 *   batch                  the images and one-hot labels.
 *   saved activations      the tape's copies of activations (models/step-tensors.ts
 *                          "saved": each op's saved inputs and outputs, a copy each).
 *   forward outputs        (forward pass only) every op's output, until apply() returns.
 *   activation gradients   (backward pass only) tfjs keeps each until the pass ends.
 *   weight gradients       (backward pass) netMemory's gradient term.
 *   first layer's filter gradient  (backward pass) the last op: conv2d-backprop-filter.ts
 *                          transposes x and dy, and XNNPACK copies dy into its filter
 *                          layout and packs it (two more dy-sized buffers, in C++).
 *   indirection buffers    XNNPACK's convolution keeps one pointer per output pixel and
 *                          filter tap per image. Operators are cached by filter: an
 *                          ungrouped layer's filter is the weight, so its buffer lives
 *                          until the update; a grouped layer's halves are freed after it.
 * weight update (sgd.ts):
 *   weights, momentum, weight gradients, and four temporaries per weight (momentum x v,
 *   decay x w, their difference, rate x gradient): the update's tf.tidy frees them only
 *   after the last weight; the transposed fc weights (freed with the old weights); the
 *   batch. The freed activations do not hold these: their holes are as small as one
 *   layer's tensors, and the four temporaries of the largest weight (fc6: 4 x 144 MiB) go
 *   on top of the heap (measured: four growths of 144 MiB in the update at batch 8). So the
 *   update also counts min(activation terms of the backward pass, 4 x largest weight).
 * ten-patch evaluation (evaluation.tenCrop, after the last epoch; evaluate.ts): one
 *   inference pass over 10 x batchSize crops: weights, momentum, transposed fc weights,
 *   the crops, every forward output but dropout's and the loss's, indirection buffers.
 * fragmentation headroom (every phase): the heap grows past the live bytes by whole
 *   blocks: when no freed hole is as large as a request, the block goes on top, and the heap
 *   never shrinks. Counted as HEADROOM_BLOCKS (training) or one (the ten-patch pass, run
 *   once) of the phase's largest block: the largest weight, the largest activation tensor,
 *   or XNNPACK's pair of dy-sized buffers for the first layer's filter gradient.
 */
import type { AlexNetConfig } from '../models/config.js';
import { convLayers, fcLayers, flatUnits, outputShapes, type ConvLayerSpec } from '../models/geometry.js';
import { BYTES_PER_VALUE, netMemory } from '../models/memory.js';
import { stepTensors, stepValues, type StepTensor } from '../models/step-tensors.js';
import { swapsPlainProduct } from '../engine/wasm-kernels/batch-mat-mul.js';

/**
 * Largest blocks the heap may grow by, beyond the live bytes, over a run's training steps.
 * WHY 3: bench/wasm-heap.ts over 8 steps saw the heap grow after the first step by 2 of the
 * run's largest blocks (paper net at 227 px, batch 8 and 16: fc6's 144 MiB update
 * temporaries; batch 64: 142 MiB, XNNPACK's copies for conv1's filter gradient) and by 3
 * (owt at 224 px, batch 64: 144 MiB); the batch 80 that fitted for two steps ran out in
 * the third (`bench perf --warmup 1 --steps 2`).
 */
export const HEADROOM_BLOCKS = 3;

/** Temporaries per weight that sgd.ts's update keeps until it has updated every weight. */
const UPDATE_TEMPORARIES = 4;
/** XNNPACK's indirection buffer: one pointer (4 bytes in wasm32) per output pixel and tap. */
const POINTER_BYTES = 4;

export type WasmPhase = 'forward pass' | 'backward pass' | 'weight update' | 'ten-patch evaluation';

export interface MemoryTerm {
  term: string;
  bytes: number;
}

export interface PhaseMemory {
  phase: WasmPhase;
  terms: MemoryTerm[];
  /** Sum of the terms. */
  bytes: number;
}

export interface WasmMemoryEstimate {
  batchSize: number;
  /** Every phase the run goes through (ten-patch evaluation only with evaluation.tenCrop). */
  phases: PhaseMemory[];
  /** The phase that needs the most. */
  peak: PhaseMemory;
  /** peak.bytes (its headroom included): what the heap must be able to grow to. */
  heapBytes: number;
}

export interface WasmRunShape {
  batchSize: number;
  /** evaluation.tenCrop: a ten-patch evaluation of 10 x batchSize crops at the end. */
  tenCrop: boolean;
}

/** A phase's terms plus its fragmentation headroom: `blocks` of `largestBlockBytes`. */
function phase(name: WasmPhase, terms: MemoryTerm[], headroom: { blocks: number; largestBlockBytes: number }): PhaseMemory {
  const all = [...terms, { term: `fragmentation headroom (${headroom.blocks} x largest block)`, bytes: headroom.blocks * headroom.largestBlockBytes }];
  return { phase: name, terms: all, bytes: all.reduce((n, t) => n + t.bytes, 0) };
}

/** Indirection pointers per image of one conv layer (all groups). */
function indirectionPointers(conv: ConvLayerSpec, outputPx: number): number {
  return conv.groups * outputPx * outputPx * conv.kernelSize * conv.kernelSize;
}

interface Geometry {
  inputValues: number;
  /** Bytes per image of the ungrouped layers' indirection buffers (cached with the weight). */
  cachedIndirection: number;
  /** Bytes per image of the largest grouped layer's (alive only while it runs). */
  groupedIndirection: number;
  /** Values per image the first layer's filter gradient holds (x and dy transposed, XNNPACK's two copies of dy). */
  firstFilterGradient: number;
  /** Values per image of the first layer's output (dy of its filter gradient). */
  firstOutput: number;
  /** Values per image of the largest activation tensor (the input or a layer's output). */
  largestActivation: number;
  largestWeightBytes: number;
}

function geometry(config: AlexNetConfig): Geometry {
  const sizes = new Map(outputShapes(config).map((s) => [s.layer, s.sizePx]));
  const convs = convLayers(config);
  const pointers = convs.map((c) => ({ grouped: c.groups > 1, bytes: indirectionPointers(c, sizes.get(c.name)!) * POINTER_BYTES }));
  const first = convs[0];
  const firstOut = sizes.get(first.name)! ** 2 * first.outChannels;
  const inputValues = config.inputSize * config.inputSize * 3;
  const fcs = fcLayers(config, flatUnits(config));
  return {
    inputValues,
    cachedIndirection: pointers.filter((p) => !p.grouped).reduce((n, p) => n + p.bytes, 0),
    groupedIndirection: Math.max(0, ...pointers.filter((p) => p.grouped).map((p) => p.bytes)),
    firstFilterGradient: (inputValues + 3 * firstOut) / first.groups,
    firstOutput: firstOut / first.groups,
    largestActivation: Math.max(inputValues, ...outputShapes(config).map((s) => s.sizePx * s.sizePx * s.channels)),
    largestWeightBytes: Math.max(...fcs.map((f) => f.inUnits * f.outUnits), ...convs.map((c) => c.kernelSize ** 2 * (c.inChannels / c.groups) * c.outChannels)) * BYTES_PER_VALUE,
  };
}

/** Bytes of the fc weights whose forward product with `rows` images keeps B^T. */
function transposedFcBytes(config: AlexNetConfig, rows: number): number {
  return fcLayers(config, flatUnits(config))
    .filter((f) => swapsPlainProduct({ aElements: rows * f.inUnits, bElements: f.inUnits * f.outUnits, cElements: rows * f.outUnits }))
    .reduce((n, f) => n + f.inUnits * f.outUnits * BYTES_PER_VALUE, 0);
}

/** Forward outputs of an inference pass per image: no dropout, no loss. */
function inferenceValues(tensors: readonly StepTensor[]): number {
  return tensors.filter((t) => t.holder === 'forward' && t.tensor !== 'dropout' && t.layer !== 'loss').reduce((n, t) => n + t.valuesPerImage, 0);
}

/** The estimate for `config` at `batchSize` (see the module comment). */
export function estimateWasmMemory(config: AlexNetConfig, { batchSize, tenCrop }: WasmRunShape): WasmMemoryEstimate {
  const net = netMemory(config, { batchSize });
  const g = geometry(config);
  const tensors = stepTensors(config);
  const per = stepValues(tensors);
  const images = (values: number) => batchSize * values * BYTES_PER_VALUE;
  const weights = { term: 'weights', bytes: net.parameterBytes };
  const momentum = { term: 'momentum', bytes: net.optimizerBytes };
  const copies = { term: 'weight copies on the tape', bytes: net.parameterBytes };
  const gradients = { term: 'weight gradients', bytes: net.gradientBytes };
  const transposed = { term: 'transposed fc weights', bytes: transposedFcBytes(config, batchSize) };
  const batch = { term: 'batch', bytes: images(g.inputValues + config.classes) };
  const saved = { term: 'saved activations', bytes: images(per.saved) };
  const backwardActivations: MemoryTerm[] = [
    saved,
    { term: 'activation gradients', bytes: images(per.gradient) },
    { term: "first layer's filter gradient", bytes: images(g.firstFilterGradient) },
    { term: 'indirection buffers', bytes: batchSize * g.cachedIndirection },
  ];
  const activationBytes = backwardActivations.reduce((n, t) => n + t.bytes, 0);
  const training = {
    blocks: HEADROOM_BLOCKS,
    largestBlockBytes: Math.max(g.largestWeightBytes, images(g.largestActivation), 2 * images(g.firstOutput)),
  };
  const phases = [
    phase('forward pass', [weights, momentum, copies, transposed, batch, saved,
      { term: 'forward outputs', bytes: images(per.forward) },
      { term: 'indirection buffers', bytes: batchSize * (g.cachedIndirection + g.groupedIndirection) }], training),
    phase('backward pass', [weights, momentum, copies, gradients, transposed, batch, ...backwardActivations], training),
    phase('weight update', [weights, momentum, gradients,
      { term: 'update temporaries', bytes: UPDATE_TEMPORARIES * net.parameterBytes }, transposed, batch,
      { term: 'largest weight temporaries above the activations', bytes: Math.min(activationBytes, UPDATE_TEMPORARIES * g.largestWeightBytes) }], training),
  ];
  if (tenCrop) {
    const crops = 10 * batchSize;
    phases.push(phase('ten-patch evaluation', [weights, momentum,
      { term: 'transposed fc weights', bytes: transposedFcBytes(config, crops) },
      { term: 'crops', bytes: crops * g.inputValues * BYTES_PER_VALUE },
      { term: 'forward outputs', bytes: crops * inferenceValues(tensors) * BYTES_PER_VALUE },
      { term: 'indirection buffers', bytes: crops * (g.cachedIndirection + g.groupedIndirection) }],
    { blocks: 1, largestBlockBytes: Math.max(g.largestWeightBytes, crops * g.largestActivation * BYTES_PER_VALUE) }));
  }
  const peak = phases.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  return { batchSize, phases, peak, heapBytes: peak.bytes };
}
