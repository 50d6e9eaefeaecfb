/**
 * maxPoolBackprop (max-pool-grad.ts) four channels at a time, in the WebAssembly SIMD
 * module assembled from max-pool-grad.wat: the same windows, winners, sums and single
 * rounding, so the same bits (test/engine/wasm-kernels/max-pool-grad-simd.test.ts checks
 * it against the JS loop, test/engine/max-pool-grad.test.ts both against cpu).
 */
import type { PoolGeometry } from './pool-geometry.js';
import { WASM_BASE64 } from './max-pool-grad-module.js';
import { simdModule } from './simd-module.js';

const load = simdModule<{ maxPoolGrad(...args: number[]): void }>(WASM_BASE64);

/** Whether the SIMD path takes this geometry (it handles channels in fours, where the runtime has SIMD). */
export function simdTakes(g: PoolGeometry): boolean {
  return g.inChannels % 4 === 0 && load() !== null;
}

/** dx (NHWC, x's shape) from x and dy, as maxPoolBackprop computes it; needs simdTakes(g). */
export function maxPoolBackpropSimd(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const k = load()!;
  const image = g.inHeight * g.inWidth * g.inChannels;
  // x (then dx) at 0, dy after it, the doubles after that at an 8-byte boundary.
  const dyAt = x.length * 4;
  const accAt = Math.ceil((dyAt + dy.length * 4) / 8) * 8;
  const heap = k.floats(accAt + image * 8);
  heap.set(x, 0);
  heap.set(dy, dyAt / 4);
  k.exports.maxPoolGrad(
    0, dyAt, accAt, g.batchSize, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth,
    g.strideHeight, g.strideWidth, g.effectiveFilterHeight, g.effectiveFilterWidth, g.padTop, g.padLeft,
  );
  dx.set(heap.subarray(0, x.length));
}
