/**
 * Per-kernel checks and timings for bench/webgpu-perf.ts: the project's webgpu conv
 * gradients against the `cpu` backend (on the GPU itself), and stock vs new time per
 * AlexNet conv layer.
 */
import * as tf from '@tensorflow/tfjs-core';
import { registerWebgpuKernels, unregisterWebgpuKernels } from '../../src/engine/webgpu-kernels/register.js';
import { convLayers } from '../../src/models/geometry.js';
import type { AlexNetConfig } from '../../src/models/config.js';

export interface ConvShape { name: string; batch: number; size: number; inChannels: number; outChannels: number; kernel: number; stride: number; pad: number | 'same' | 'valid' }

/** Each conv layer's input geometry, following the model's own arithmetic (conv, then pool). */
export function alexnetConvShapes(config: AlexNetConfig, batch: number): ConvShape[] {
  let size = config.inputSize;
  return convLayers(config).map((l) => {
    const shape = { name: l.name, batch, size, inChannels: l.inChannels, outChannels: l.outChannels, kernel: l.kernelSize, stride: l.stride, pad: l.padding };
    size = Math.floor((size + 2 * l.padding - l.kernelSize) / l.stride) + 1;
    if (l.pool) size = Math.floor((size - config.pool.size) / config.pool.stride) + 1;
    return shape;
  });
}

/** Random x, dy, w for a shape, made on the current backend. */
function operands(s: ConvShape, seed: number): { x: tf.Tensor4D; dy: tf.Tensor4D; w: tf.Tensor4D; attrs: { filter: object; input: object } } {
  const x = tf.randomUniform([s.batch, s.size, s.size, s.inChannels], -1, 1, 'float32', seed) as tf.Tensor4D;
  const w = tf.randomUniform([s.kernel, s.kernel, s.inChannels, s.outChannels], -1, 1, 'float32', seed + 1) as tf.Tensor4D;
  const info = tf.backend_util.computeConv2DInfo(x.shape, w.shape, s.stride, 1, s.pad);
  const dy = tf.randomUniform([s.batch, info.outHeight, info.outWidth, s.outChannels], -1, 1, 'float32', seed + 2) as tf.Tensor4D;
  const common = { strides: s.stride, pad: s.pad, dataFormat: 'NHWC' };
  return { x, dy, w, attrs: { filter: { ...common, filterShape: w.shape }, input: { ...common, inputShape: x.shape } } };
}

function runGrad(kind: 'filter' | 'input', o: ReturnType<typeof operands>): tf.Tensor {
  return kind === 'filter'
    ? (tf.engine().runKernel(tf.Conv2DBackpropFilter, { x: o.x, dy: o.dy }, o.attrs.filter as unknown as tf.NamedAttrMap) as tf.Tensor)
    : (tf.engine().runKernel(tf.Conv2DBackpropInput, { dy: o.dy, filter: o.w }, o.attrs.input as unknown as tf.NamedAttrMap) as tf.Tensor);
}

/** Normwise relative error, max |a - b| / max |b| (see test/helpers/webgpu-kernels/check.deno.ts). */
function relError(got: Float32Array, want: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    diff = Number.isNaN(d) ? Infinity : Math.max(diff, d);
    scale = Math.max(scale, Math.abs(want[i]));
  }
  return got.length === want.length ? diff / Math.max(scale, 1e-30) : Infinity;
}

export interface CheckResult { shape: ConvShape; filterRelError: number; inputRelError: number }

/** The new kernels on the GPU against `cpu`, for each shape (inputs made on cpu, copied over). */
export async function checkOnGpu(shapes: ConvShape[]): Promise<CheckResult[]> {
  registerWebgpuKernels();
  const results: CheckResult[] = [];
  for (const [i, s] of shapes.entries()) {
    await tf.setBackend('cpu');
    const o = operands(s, 17 + 10 * i);
    const want = { filter: await runGrad('filter', o).data(), input: await runGrad('input', o).data() };
    const host = { x: await o.x.data(), dy: await o.dy.data(), w: await o.w.data() };
    await tf.setBackend('webgpu');
    const g = { ...o, x: tf.tensor4d(host.x, o.x.shape), dy: tf.tensor4d(host.dy, o.dy.shape), w: tf.tensor4d(host.w, o.w.shape) };
    const got = { filter: await runGrad('filter', g).data(), input: await runGrad('input', g).data() };
    results.push({ shape: s, filterRelError: relError(got.filter as Float32Array, want.filter as Float32Array), inputRelError: relError(got.input as Float32Array, want.input as Float32Array) });
  }
  return results;
}

export interface LayerTiming { layer: string; kernel: string; stockMs: number; newMs: number }

/** Mean ms per call over `reps` back-to-back calls (the GPU queue is in order: the last read waits for all). */
async function timeCalls(run: () => tf.Tensor, reps: number): Promise<number> {
  const warm = run(); // warm-up and compile
  const warmSum = tf.sum(warm);
  await warmSum.data();
  tf.dispose([warm, warmSum]);
  const t0 = performance.now();
  let last: tf.Tensor | undefined;
  for (let i = 0; i < reps; i++) {
    tf.dispose(last);
    last = run();
  }
  const s = tf.sum(last as tf.Tensor);
  await s.data();
  const ms = (performance.now() - t0) / reps;
  tf.dispose([last as tf.Tensor, s]);
  return ms;
}

/** Stock vs new LRNGrad time after conv1 and conv2 (the model's LRN: radius 2, bias 2, alpha 1e-4, beta 0.75). */
export async function timeLrn(config: AlexNetConfig, batch: number, reps: number): Promise<LayerTiming[]> {
  await tf.setBackend('webgpu');
  const attrs = { depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 };
  const out: LayerTiming[] = [];
  for (const s of alexnetConvShapes(config, batch).slice(0, 2)) {
    const outSize = Math.floor((s.size + 2 * (s.pad as number) - s.kernel) / s.stride) + 1;
    const shape = [batch, outSize, outSize, s.outChannels];
    const x = tf.randomUniform(shape, 0, 4, 'float32', 5);
    const dy = tf.randomUniform(shape, -1, 1, 'float32', 6);
    const y = tf.engine().runKernel(tf.LRN, { x }, attrs) as tf.Tensor;
    const run = () => tf.engine().runKernel(tf.LRNGrad, { x, y, dy }, attrs) as tf.Tensor;
    unregisterWebgpuKernels();
    const stockMs = await timeCalls(run, reps);
    registerWebgpuKernels();
    const newMs = await timeCalls(run, reps);
    out.push({ layer: `lrn after ${s.name}`, kernel: tf.LRNGrad, stockMs, newMs });
    tf.dispose([x, y, dy]);
  }
  return out;
}

/** Stock vs new time of both conv gradients for each layer shape, on webgpu. */
export async function timeLayers(shapes: ConvShape[], reps: number): Promise<LayerTiming[]> {
  await tf.setBackend('webgpu');
  const out: LayerTiming[] = [];
  for (const [i, s] of shapes.entries()) {
    const o = operands(s, 99 + 10 * i);
    for (const kind of ['filter', 'input'] as const) {
      if (kind === 'input' && s.name === 'conv1') continue; // training never needs the image's gradient
      unregisterWebgpuKernels();
      const stockMs = await timeCalls(() => runGrad(kind, o), reps);
      registerWebgpuKernels();
      const newMs = await timeCalls(() => runGrad(kind, o), reps);
      out.push({ layer: s.name, kernel: kind === 'filter' ? tf.Conv2DBackpropFilter : tf.Conv2DBackpropInput, stockMs, newMs });
    }
    tf.dispose([o.x, o.dy, o.w]);
  }
  return out;
}
