/**
 * Times the conv gradient kernels on the wasm backend, stock tfjs vs the project's
 * (src/engine/wasm-kernels), for the five conv layers of the owt net (64-192-384-256-256).
 *
 *   npx tsx bench/conv-kernels.ts [inputPx=64] [batch=16] [widthFactor=1] [stem=11/4/2]
 *   npx tsx bench/conv-kernels.ts 32 32 0.125 5/1/2     # the quickstart experiment's net
 *
 * Kernels are called at the backend level (no engine, no tape) so the figures are the
 * kernels' own cost. Forward Conv2D is the rate every backward kernel could reach.
 * tfjs-backend-wasm has no stock filter gradient (the plain-JS cpu backend's takes
 * 15-70 s per call at these sizes, so it is not timed). "dx ours" is what the registered
 * kernel does (it hands large strides to the stock kernel); "dx fast" forces the
 * zero-insertion path everywhere, to show why.
 * Inputs are deterministic (no Math.random), so runs differ only by timing noise.
 */
import * as tf from '@tensorflow/tfjs-core';
import { timeKernel } from './time-kernel.js';
import '@tensorflow/tfjs-backend-wasm';
import { convLayers, outputShapes } from '../src/models/geometry.js';
import { variantConfig } from '../src/models/variants.js';
import { registerWasmKernels } from '../src/engine/wasm-kernels/register.js';
import { setMaxZeroInsertFactor } from '../src/engine/wasm-kernels/conv2d-backprop-input.js';

interface Layer { name: string; x: number[]; w: number[]; dy: number[]; stride: number; pad: number }

const [px = 64, batch = 16, width = 1] = process.argv.slice(2, 5).map(Number);
const [stemK, stemS, stemP] = (process.argv[5] ?? '11/4/2').split('/').map(Number);

function layers(): Layer[] {
  const config = variantConfig('owt', { inputSize: px, widthFactor: width, stem: { kernelSize: stemK, stride: stemS, padding: stemP } });
  const shapes = outputShapes(config);
  let inPx = px;
  return convLayers(config).map((c) => {
    const outPx = shapes.find((s) => s.layer === c.name)!.sizePx;
    const layer = {
      name: `${c.name} ${c.kernelSize}x${c.kernelSize}/${c.stride} ${c.inChannels}->${c.outChannels} @${inPx}`,
      x: [batch, inPx, inPx, c.inChannels], w: [c.kernelSize, c.kernelSize, c.inChannels, c.outChannels],
      dy: [batch, outPx, outPx, c.outChannels], stride: c.stride, pad: c.padding,
    };
    inPx = shapes[shapes.findIndex((s) => s.layer === c.name) + (c.pool ? 1 : 0)].sizePx;
    return layer;
  });
}

function filled(shape: number[], phase: number): tf.Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + phase)), shape);
}

/** Median ms of one backend-level kernel call, after one warm-up call. */
function flops(l: Layer): number {
  const [n, ho, wo, co] = l.dy;
  return 2 * n * ho * wo * co * l.w[0] * l.w[1] * l.w[2];
}

interface Row { layer: string; cells: number[] }

async function measure(ls: Layer[], reps: number): Promise<Row[]> {
  const rows: Row[] = ls.map((l) => ({ layer: l.name, cells: [] }));
  const kernels = (): Record<string, tf.KernelConfig> => ({
    fwd: tf.getKernel(tf.Conv2D, 'wasm')!, dx: tf.getKernel(tf.Conv2DBackpropInput, 'wasm')!,
    dw: tf.getKernel(tf.Conv2DBackpropFilter, 'wasm')!,
  });
  await tf.setBackend('wasm');
  const stock = kernels();
  registerWasmKernels([tf.Conv2DBackpropFilter, tf.Conv2DBackpropInput]);
  const ours = kernels();
  for (const [i, l] of ls.entries()) {
    const [x, w, dy] = [filled(l.x, 0.1), filled(l.w, 0.2), filled(l.dy, 0.3)];
    const common = { strides: l.stride, pad: l.pad, dataFormat: 'NHWC' };
    const inputAttrs = { ...common, inputShape: l.x };
    rows[i].cells.push(timeKernel(stock.fwd, { x, filter: w }, { ...common, dilations: 1 }, reps));
    rows[i].cells.push(timeKernel(stock.dx, { dy, filter: w }, inputAttrs, reps));
    rows[i].cells.push(timeKernel(ours.dx, { dy, filter: w }, inputAttrs, reps));
    const saved = setMaxZeroInsertFactor(Infinity); // time the fast path even where it is not used
    rows[i].cells.push(timeKernel(ours.dx, { dy, filter: w }, inputAttrs, reps));
    setMaxZeroInsertFactor(saved);
    rows[i].cells.push(timeKernel(ours.dw, { x, dy }, { ...common, filterShape: l.w }, reps));
    tf.dispose([x, w, dy]);
  }
  return rows;
}

function print(ls: Layer[], rows: Row[]): void {
  const heads = ['forward', 'dx stock', 'dx ours', 'dx fast', 'dw ours'];
  console.log(`wasm (${tf.env().getBool('WASM_HAS_SIMD_SUPPORT') ? 'SIMD' : 'no SIMD'}), ${px} px, batch ${batch}, width x${width}: median ms (GFLOP/s)`);
  console.log(['layer'.padEnd(36), ...heads.map((h) => h.padStart(15))].join(''));
  rows.forEach((r, i) => {
    const gf = flops(ls[i]) / 1e6;
    const cell = (ms: number): string => `${ms.toFixed(2)} (${(gf / ms).toFixed(1)})`.padStart(15);
    console.log([r.layer.padEnd(36), ...r.cells.map(cell)].join(''));
  });
  const sum = (k: number): number => rows.reduce((a, r) => a + r.cells[k], 0);
  console.log(['total'.padEnd(36), ...heads.map((_, k) => sum(k).toFixed(2).padStart(15))].join(''));
}

const ls = layers();
print(ls, await measure(ls, px * batch > 512 ? 5 : 11));
