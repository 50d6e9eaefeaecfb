/**
 * MaxPoolGrad for wasm, with the cpu backend's semantics: channels in fours go to a
 * WebAssembly SIMD module (max-pool-grad-simd.ts, 3-4x faster), other counts to the JS
 * loop here, which is also the reference the SIMD module is tested against.
 *
 * WHY: the stock tfjs-backend-wasm 4.22 MaxPoolGrad (C++) routes gradients differently
 * from the cpu backend (test/engine/max-pool-grad.test.ts shows it):
 *   - a window whose values are all negative, or all zero, passes no gradient at all
 *     (its running maximum apparently starts at 0, not -Infinity);
 *   - tied maxima send the gradient to the LAST maximum in the window, cpu to the FIRST.
 * Random normal inputs already hit the first case (a 2x2 window is all negative with
 * probability 1/16), so the gradients differed by whole dy values, not by rounding.
 * Where windows overlap it also rounds a cell's sum differently from cpu (up to ~1e-5
 * relative on ~0.4% of cells of a ReLU input, measured on 4x27x27x32, 3x3 stride 2).
 *
 * Semantics (tfjs-backend-cpu maxPoolPositions + maxPoolBackprop): per output window and
 * channel, the maximum starts at -Infinity and only a strictly greater value replaces it,
 * scanning the window row-major over in-bounds cells only (padding never wins; NaN never
 * wins; a window of only NaN or -Infinity passes nothing). dy goes to that cell.
 *
 * Bit-identical to cpu: cpu computes each dx cell as a JS double sum 0 + dy1 + dy2 + ...
 * over the windows that chose it, in increasing (output row, output column) order, then
 * rounds once to float32. Scattering the windows in row-major output order into a double
 * accumulator adds the same terms in the same order, so the doubles (and their float32
 * roundings) are the same.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult, StockKernel } from '../kernel-overrides.js';
import { composeKernels } from './backend-ops.js';
import { maxPoolBackpropSimd, simdTakes } from './max-pool-grad-simd.js';
import { poolGeometry, type PoolGeometry } from './pool-geometry.js';

const BACKEND = 'wasm';

// Per-process scratch, grown on demand: one image of double sums, one window's best
// values and positions per channel.
let sums = new Float64Array(0);
let best = new Float64Array(0);
let where = new Int32Array(0);

/**
 * dx (NHWC, same shape as x) from x and dy (NHWC, pooled shape). Every dx cell is written.
 * Loop order: image, output row, output column, then the window's cells row-major with the
 * channels innermost, so x, dy and the accumulator are all read in contiguous runs of C.
 * WHY one double accumulator per image even where windows cannot overlap: one monomorphic
 * loop (a Float32Array | Float64Array target made V8's scatter 2x slower), and the copy
 * into dx is a plain memory move.
 */
export function maxPoolBackprop(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const { inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = g;
  const { strideHeight: sh, strideWidth: sw, effectiveFilterHeight: fh, effectiveFilterWidth: fw } = g;
  const image = H * W * C;
  if (sums.length < image) sums = new Float64Array(image);
  if (best.length < C) {
    best = new Float64Array(C);
    where = new Int32Array(C);
  }
  const acc = sums;
  const max = best;
  const at = where;
  for (let b = 0; b < g.batchSize; b++) {
    const xBase = b * image;
    acc.fill(0, 0, image);
    for (let yR = 0; yR < OH; yR++) {
      const rCorner = yR * sh - g.padTop;
      const r0 = Math.max(0, rCorner);
      const r1 = Math.min(H, rCorner + fh);
      for (let yC = 0; yC < OW; yC++) {
        const cCorner = yC * sw - g.padLeft;
        const c0 = Math.max(0, cCorner);
        const c1 = Math.min(W, cCorner + fw);
        // The first in-bounds cell starts the scan; only a value > -Infinity counts
        // (cpu starts from -Infinity with a strict >, so NaN and -Infinity never win).
        const first = (r0 * W + c0) * C;
        for (let d = 0; d < C; d++) {
          const v = x[xBase + first + d];
          if (v > -Infinity) {
            max[d] = v;
            at[d] = first + d;
          } else {
            max[d] = -Infinity;
            at[d] = -1;
          }
        }
        for (let r = r0; r < r1; r++) {
          for (let c = r === r0 ? c0 + 1 : c0; c < c1; c++) {
            const cell = (r * W + c) * C;
            const xAt = xBase + cell;
            for (let d = 0; d < C; d++) {
              const v = x[xAt + d];
              if (v > max[d]) {
                max[d] = v;
                at[d] = cell + d;
              }
            }
          }
        }
        const dyAt = ((b * OH + yR) * OW + yC) * C;
        for (let d = 0; d < C; d++) {
          const w = at[d];
          if (w >= 0) acc[w] += dy[dyAt + d];
        }
      }
    }
    for (let i = 0; i < image; i++) dx[xBase + i] = acc[i];
  }
}

/** float32 only; other dtypes go to the stock kernel. */
export function maxPoolGradWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  if (dy.dtype !== 'float32' || input.dtype !== 'float32') return stock.run(args);
  const g = poolGeometry(args.attrs as unknown as tf.MaxPoolGradAttrs, input.shape);
  return composeKernels(args.backend, BACKEND, (ops) =>
    // The heap views are taken after the output is allocated (allocation may grow the heap).
    ops.write(input.shape, (dx, heap) => (simdTakes(g) ? maxPoolBackpropSimd : maxPoolBackprop)(heap(input), heap(dy), dx, g)),
  );
}
