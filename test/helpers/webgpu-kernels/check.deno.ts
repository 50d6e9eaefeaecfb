/**
 * Deno script (run with --unstable-webgpu --sloppy-imports): checks the project's webgpu
 * kernels against the `cpu` backend on random convolution shapes. Deno's WebGPU runs on
 * Debian's software Vulkan driver (lavapipe), so this needs no GPU. Prints `ADAPTER` once
 * it has an adapter, and one line `RESULT {json}` last: {adapter, cases: [...],
 * maxRelError} or {skip: reason}.
 *
 * Error measure: max |gpu - cpu| / max |cpu| over the whole output (normwise). WHY not
 * per-element: sums of random signs can land near zero, where per-element ratios mean nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { registerWebgpuKernels } from '../../../src/engine/webgpu-kernels/register.ts';
import { CONV_CASES, LRN_CASES, type ConvCase, type LrnCase } from './cases.ts';

declare const Deno: { exit(code: number): never; args: string[] };

function report(result: object): void {
  console.log(`RESULT ${JSON.stringify(result)}`);
}

/** Deterministic data (mulberry32): the check must reproduce exactly. */
function randomValues(count: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  return out;
}

async function runOn(backend: string, kernel: string, inputs: Record<string, { shape: number[]; values: Float32Array }>, attrs: object): Promise<Float32Array> {
  await tf.setBackend(backend);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, v] of Object.entries(inputs)) tensors[name] = tf.tensor(v.values, v.shape);
  const out = tf.engine().runKernel(kernel, tensors as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  tf.dispose([out, ...Object.values(tensors)]);
  return values;
}

function relError(got: Float32Array, want: Float32Array): number {
  if (got.length !== want.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return diff / Math.max(scale, 1e-30);
}

async function checkCase(c: ConvCase, index: number): Promise<object> {
  const info = tf.backend_util.computeConv2DInfo([c.batch, c.height, c.width, c.inChannels], [c.kernel, c.kernel, c.inChannels, c.outChannels], c.stride, 1, c.pad);
  const x = { shape: [c.batch, c.height, c.width, c.inChannels], values: randomValues(c.batch * c.height * c.width * c.inChannels, 1000 + index) };
  const dyShape = [c.batch, info.outHeight, info.outWidth, c.outChannels];
  const dy = { shape: dyShape, values: randomValues(dyShape.reduce((a, b) => a * b, 1), 2000 + index) };
  const wShape = [c.kernel, c.kernel, c.inChannels, c.outChannels];
  const w = { shape: wShape, values: randomValues(wShape.reduce((a, b) => a * b, 1), 3000 + index) };
  const filterAttrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', filterShape: wShape };
  const inputAttrs = { strides: c.stride, pad: c.pad, dataFormat: 'NHWC', inputShape: x.shape };
  const dW = relError(await runOn('webgpu', tf.Conv2DBackpropFilter, { x, dy }, filterAttrs), await runOn('cpu', tf.Conv2DBackpropFilter, { x, dy }, filterAttrs));
  const dX = relError(await runOn('webgpu', tf.Conv2DBackpropInput, { dy, filter: w }, inputAttrs), await runOn('cpu', tf.Conv2DBackpropInput, { dy, filter: w }, inputAttrs));
  return { ...c, Conv2DBackpropFilter: dW, Conv2DBackpropInput: dX };
}

async function checkLrn(c: LrnCase, index: number): Promise<object> {
  const count = c.shape.reduce((a, b) => a * b, 1);
  const x = { shape: c.shape, values: randomValues(count, 4000 + index).map((v) => 4 * v) };
  const dy = { shape: c.shape, values: randomValues(count, 5000 + index) };
  const attrs = { depthRadius: c.depthRadius, bias: c.bias, alpha: c.alpha, beta: c.beta };
  const y = { shape: c.shape, values: await runOn('cpu', tf.LRN, { x }, attrs) };
  const got = await runOn('webgpu', tf.LRNGrad, { x, y, dy }, attrs);
  const want = await runOn('cpu', tf.LRNGrad, { x, y, dy }, attrs);
  return { ...c, LRNGrad: relError(got, want) };
}

/** An NCHW filter gradient (the GEMM kernels are NHWC only): must fall back, warn once, be right. */
async function checkFallback(): Promise<{ relError: number; warnings: string[] }> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
  try {
    const x = { shape: [2, 3, 7, 7], values: randomValues(2 * 3 * 7 * 7, 7) };
    const dy = { shape: [2, 4, 7, 7], values: randomValues(2 * 4 * 7 * 7, 8) };
    const attrs = { strides: 1, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] };
    const got = await runOn('webgpu', tf.Conv2DBackpropFilter, { x, dy }, attrs);
    await runOn('webgpu', tf.Conv2DBackpropFilter, { x, dy }, attrs);
    const want = await runOn('cpu', tf.Conv2DBackpropFilter, { x, dy }, attrs);
    return { relError: relError(got, want), warnings };
  } finally {
    console.warn = warn;
  }
}

async function main(): Promise<void> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<{ info?: { description?: string; device?: string } } | null> } }).gpu;
  if (gpu === undefined) return report({ skip: 'Deno has no navigator.gpu (run with --unstable-webgpu)' });
  const adapter = await gpu.requestAdapter();
  if (adapter === null) return report({ skip: 'Deno found no WebGPU adapter' });
  // Said at once, so the caller can tell an adapter search that never ends (a skip) from slow kernels.
  console.log('ADAPTER');
  // Imported only now: tfjs-backend-webgpu registers itself when navigator.gpu exists.
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!Deno.args.includes("--stock")) registerWebgpuKernels();
  const cases = [];
  for (const [i, c] of CONV_CASES.entries()) cases.push(await checkCase(c, i));
  const maxRelError = Math.max(...cases.map((c) => Math.max((c as { Conv2DBackpropFilter: number }).Conv2DBackpropFilter, (c as { Conv2DBackpropInput: number }).Conv2DBackpropInput)));
  const lrn = [];
  for (const [i, c] of LRN_CASES.entries()) lrn.push(await checkLrn(c, i));
  const fallback = await checkFallback();
  report({ adapter: adapter.info?.description ?? adapter.info?.device ?? 'WebGPU adapter', cases, lrn, maxRelError, fallback });
}

await main();
Deno.exit(0);
