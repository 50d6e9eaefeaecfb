/**
 * maxPoolBackprop (max-pool-grad.ts) four channels at a time, in the WebAssembly SIMD
 * module assembled from max-pool-grad.wat: the same windows, winners, sums and single
 * rounding, so the same bits (test/engine/max-pool-grad.test.ts checks both against cpu).
 *
 * WHY a module of its own with a copy in and out: the module cannot see tfjs's heap (the
 * threaded build's memory is not exposed), and copying x, dy and dx is a plain memory
 * move, a small part of the kernel's time (bench/max-pool-grad.ts measures both).
 */
import type { PoolGeometry } from './pool-geometry.js';
import { WASM_BASE64 } from './max-pool-grad-module.js';

interface Kernel {
  memory: WebAssembly.Memory;
  maxPoolGrad(...args: number[]): void;
}

let kernel: Kernel | null = null;
const PAGE_BYTES = 65536;

function load(): Kernel {
  if (kernel === null) {
    const module = new WebAssembly.Module(Uint8Array.from(atob(WASM_BASE64), (ch) => ch.charCodeAt(0)));
    const { exports } = new WebAssembly.Instance(module, {});
    kernel = exports as unknown as Kernel;
  }
  return kernel;
}

/** Whether the SIMD path takes this geometry (it handles channels in fours). */
export function simdTakes(g: PoolGeometry): boolean {
  return g.inChannels % 4 === 0;
}

/** dx (NHWC, x's shape) from x and dy, as maxPoolBackprop computes it; needs simdTakes(g). */
export function maxPoolBackpropSimd(x: Float32Array, dy: Float32Array, dx: Float32Array, g: PoolGeometry): void {
  const k = load();
  const image = g.inHeight * g.inWidth * g.inChannels;
  // x (then dx) at 0, dy after it, the doubles after that at an 8-byte boundary.
  const dyAt = x.length * 4;
  const accAt = Math.ceil((dyAt + dy.length * 4) / 8) * 8;
  const bytes = accAt + image * 8;
  const have = k.memory.buffer.byteLength;
  if (bytes > have) k.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
  const heap = new Float32Array(k.memory.buffer);
  heap.set(x, 0);
  heap.set(dy, dyAt / 4);
  k.maxPoolGrad(
    0, dyAt, accAt, g.batchSize, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth,
    g.strideHeight, g.strideWidth, g.effectiveFilterHeight, g.effectiveFilterWidth, g.padTop, g.padLeft,
  );
  dx.set(heap.subarray(0, x.length));
}
