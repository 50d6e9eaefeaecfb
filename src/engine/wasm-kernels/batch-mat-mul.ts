/**
 * BatchMatMul for wasm with transposed operands made explicit. WHY: the stock wasm kernel
 * is 8-10x slower when transposeA or transposeB is set (measured on a 32x512x512 product:
 * 1.9 ms plain, 16.6 ms with transposeB, 20 ms with transposeA), and every fully connected
 * layer's two gradients are exactly such products. Copying the operand transposed (a plain
 * memory move in JS, straight into the wasm heap) and running the plain product is much
 * faster and gives the same sums in the same order per output element.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult, StockKernel } from '../kernel-overrides.js';
import { BackendOps, composeKernels } from './backend-ops.js';

const BACKEND = 'wasm';
const TILE = 64;

/** [..., rows, cols] -> [..., cols, rows], written into the wasm heap. */
function transposeLast2(ops: BackendOps, x: tf.TensorInfo): tf.TensorInfo {
  const shape = x.shape;
  const rows = shape[shape.length - 2];
  const cols = shape[shape.length - 1];
  const batch = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const outShape = [...shape.slice(0, -2), cols, rows];
  return ops.write(outShape, (out, heap) => {
    const src = heap(x);
    const plane = rows * cols;
    for (let b = 0; b < batch; b++) transposePlane(src, out, b * plane, rows, cols);
  });
}

/**
 * One rows x cols plane at `base`, in 64x64 tiles (reads and strided writes stay in cache),
 * four source rows at a time so that each output row gets four adjacent floats per step.
 * Measured on fc6's 9216 x 4096 weights in the wasm heap: 212 ms one row at a time in 32x32
 * tiles, 89 ms like this.
 */
export function transposePlane(src: Float32Array, out: Float32Array, base: number, rows: number, cols: number): void {
  for (let r0 = 0; r0 < rows; r0 += TILE) {
    const r1 = Math.min(r0 + TILE, rows);
    for (let c0 = 0; c0 < cols; c0 += TILE) {
      const c1 = Math.min(c0 + TILE, cols);
      let r = r0;
      for (; r + 3 < r1; r += 4) {
        const a = base + r * cols;
        const b = a + cols;
        const d = b + cols;
        const e = d + cols;
        for (let c = c0; c < c1; c++) {
          const o = base + c * rows + r;
          out[o] = src[a + c];
          out[o + 1] = src[b + c];
          out[o + 2] = src[d + c];
          out[o + 3] = src[e + c];
        }
      }
      for (; r < r1; r++) {
        const rowBase = base + r * cols;
        for (let c = c0; c < c1; c++) out[base + c * rows + r] = src[rowBase + c];
      }
    }
  }
}

const size = (info: tf.TensorInfo) => info.shape.reduce((a, b) => a * b, 1);

/**
 * Plain products C = A B whose B is large and whose A and C are small (an fc layer's
 * forward pass: 16 x 9216 times 9216 x 4096) are swapped too. WHY: the stock kernel
 * packs B into XNNPACK's weight layout on every call (its operator cache is keyed by B's
 * buffer, and the weights are a new buffer after every SGD step), and that packing reads
 * B column-blocked, one strided row at a time. Measured on fc6's product (1 thread):
 * 390-595 ms with a fresh B, 75 ms with B already packed, 167 ms swapped: B^T (the tiled
 * JS transpose below, kept while B lives) becomes the unpacked left operand and only the
 * small A^T is packed (bench/fc-forward.ts).
 * Above this many elements B is worth transposing, when A and C together are smaller than B.
 */
let minSwapPlainB = 1 << 20;

export function setMinSwapPlainB(elements: number): number {
  const previous = minSwapPlainB;
  minSwapPlainB = elements;
  return previous;
}

function packsLargeB(a: tf.TensorInfo, b: tf.TensorInfo): boolean {
  const m = a.shape[a.shape.length - 2];
  const n = b.shape[b.shape.length - 1];
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  return swapsPlainProduct({ aElements: size(a), bElements: size(b), cElements: batch * m * n });
}

/**
 * Whether a plain product takes the swapped form, which keeps B^T (one copy of B) while B
 * lives: an fc layer's forward pass with `rows` images is aElements = rows x in, bElements
 * = in x out (the weights), cElements = rows x out. The wasm memory estimate counts it.
 */
export function swapsPlainProduct(o: { aElements: number; bElements: number; cElements: number }): boolean {
  return o.bElements >= minSwapPlainB && o.aElements + o.cElements < o.bElements;
}

/**
 * B^T of a large plain B, kept while B lives. WHY: a B used again (inference over many
 * batches with fixed weights) would otherwise be transposed again on every call, where the
 * stock kernel packs it once and reuses that (XNNPACK's operator cache, freed when B is).
 * This is the same trade: one copy of B per live B, freed with it (see hookDisposal).
 * In training each weight buffer is multiplied once, in its step's forward pass.
 */
const transposedB = new Map<object, tf.TensorInfo>();
let hookedBackend: object | undefined;

interface WasmBackendData {
  disposeData(dataId: object, force?: boolean): boolean;
  dataIdMap: { has(dataId: object): boolean };
}

/** Free B^T when B itself is freed (its last reference disposed), whoever disposes it. */
function hookDisposal(backend: object): void {
  if (hookedBackend === backend) return;
  hookedBackend = backend;
  const b = backend as WasmBackendData;
  const dispose = b.disposeData.bind(b);
  b.disposeData = (dataId: object, force?: boolean): boolean => {
    const result = dispose(dataId, force);
    const bT = transposedB.get(dataId);
    if (bT !== undefined && !b.dataIdMap.has(dataId)) {
      transposedB.delete(dataId);
      dispose(bT.dataId, true);
    }
    return result;
  };
}

function cachedTranspose(backend: object, b: tf.TensorInfo): tf.TensorInfo {
  hookDisposal(backend);
  let bT = transposedB.get(b.dataId);
  if (bT === undefined) {
    // Its own BackendOps, never released: the copy belongs to the cache, not to this call.
    bT = transposeLast2(new BackendOps(backend, BACKEND), b);
    transposedB.set(b.dataId, bT);
  }
  return bT;
}

/** How many transposed B copies are held (for tests). */
export function cachedTransposes(): number {
  return transposedB.size;
}

/**
 * C = op(A) op(B) is computed one of two ways, whichever moves fewer elements:
 *   direct:  materialise op(A) and op(B), plain product;
 *   swapped: C = (op(B)^T op(A)^T)^T, materialising those operands and transposing C.
 * WHY both: an fc layer's input gradient dy W^T would transpose the whole weight matrix
 * (16.8 M elements for fc7) directly, but only dy and the small result when swapped.
 */
export function batchMatMulWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const attrs = (args.attrs ?? {}) as unknown as tf.BatchMatMulAttrs;
  const ta = Boolean(attrs.transposeA);
  const tb = Boolean(attrs.transposeB);
  const float = a.dtype === 'float32' && b.dtype === 'float32';
  const sameBatch = a.shape.length === b.shape.length && a.shape.slice(0, -2).every((d, i) => d === b.shape[i]);
  if (!float || !sameBatch) return stock.run(args);
  if (!ta && !tb && !packsLargeB(a, b)) return stock.run(args);
  const plain = (x: tf.TensorInfo, y: tf.TensorInfo) =>
    stock.run({ ...args, inputs: { a: x, b: y }, attrs: { ...args.attrs, transposeA: false, transposeB: false } }) as tf.TensorInfo;
  const m = a.shape[a.shape.length - (ta ? 1 : 2)];
  const n = b.shape[b.shape.length - (tb ? 2 : 1)];
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  const directCost = (ta ? size(a) : 0) + (tb ? size(b) : 0);
  // Swapped: op(B)^T needs a copy when B was not transposed, likewise A; plus C^T -> C.
  const swappedCost = (tb ? 0 : size(b)) + (ta ? 0 : size(a)) + batch * m * n;
  return composeKernels(args.backend, BACKEND, (ops) => {
    if ((ta || tb) && directCost <= swappedCost) {
      return plain(ta ? transposeLast2(ops, a) : a, tb ? transposeLast2(ops, b) : b);
    }
    const bT = tb ? b : !ta ? cachedTranspose(args.backend, b) : transposeLast2(ops, b);
    const aT = ta ? a : transposeLast2(ops, a);
    const cT = plain(bT, aT);
    ops.adopt(cT);
    return transposeLast2(ops, cT);
  });
}

