/**
 * GPU bench for the project's webgpu kernels, for a GPU machine without Node.js: pack it
 * with bench/device/pack.sh and run bench/device/gpu-run.sh there.
 * Checks each new conv kernel against `cpu` on the GPU, times stock vs new per conv layer
 * and LRN gradient, then
 * train step + inference for the issue's AlexNet at 224 px batch 128 and 64 px batch 128,
 * stock and new, with a per-kernel profile. Prints a table; --out FILE writes the JSON.
 * Exit: 0 ok, 1 a kernel check failed, 3 no GPU adapter.
 */
import { dawnGpu } from './webgpu/dawn-globals.js'; // first: see dawn-globals.ts
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
// Named imports, used below: esbuild drops a bare import of a package whose package.json
// "sideEffects" list does not name its main file (tfjs-backend-cpu's does not).
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { webgpu_util } from '@tensorflow/tfjs-backend-webgpu';
import { registerWebgpuKernels, unregisterWebgpuKernels } from '../src/engine/webgpu-kernels/register.js';
import { writeJsonAtomic } from '../src/core/atomic.js';
import { CONV_CASES } from '../test/helpers/webgpu-kernels/cases.js';
import { alexnetConvShapes, checkOnGpu, timeLayers, timeLrn } from './webgpu/kernel-bench.js';
import { issueConfig, measureThroughput } from './webgpu/train-bench.js';

// WHY 1e-4: the issue's bound (normwise relative error against the cpu backend).
const MAX_REL_ERROR = 1e-4;
const SIZES = [
  { inputSize: 224, batchSize: 128 },
  { inputSize: 64, batchSize: 128 },
];
// Issue 6 part 4: peak memory for the paper's own input (227 px, Section 3.5) at batch 128.
const MEMORY_SIZE = { inputSize: 227, batchSize: 128 };
const MIB = 1024 * 1024;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const adapter = await dawnGpu.requestAdapter();
  if (adapter === null) {
    process.stderr.write('webgpu-perf: Dawn found no GPU adapter (no usable Vulkan device); run this on the GPU machine (bench/device/gpu-run.sh)\n');
    return 3;
  }
  if (!(await tf.setBackend('webgpu'))) {
    process.stderr.write('webgpu-perf: tfjs-backend-webgpu failed to initialise on the adapter\n');
    return 3;
  }
  const device = Object.values(adapter.info ?? {}).filter((v) => typeof v === 'string' && v).join(', ');
  log(`device: ${device}; tfjs-core ${tf.version_core}, backend-cpu ${version_cpu}, backend-webgpu loaded: ${typeof webgpu_util === 'object'}`);
  const t0 = performance.now();
  const shapes = [
    ...CONV_CASES.map((c, i) => ({ name: `case${i}`, batch: c.batch, size: c.height, inChannels: c.inChannels, outChannels: c.outChannels, kernel: c.kernel, stride: c.stride, pad: c.pad })),
    ...alexnetConvShapes(issueConfig(224), 2),
  ];
  const checks = await checkOnGpu(shapes);
  const worst = Math.max(...checks.map((c) => Math.max(c.filterRelError, c.inputRelError)));
  log(`kernel checks against cpu: ${checks.length} shapes, worst rel error ${worst.toExponential(2)} (bound ${MAX_REL_ERROR}) [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
  const layers = [...(await timeLayers(alexnetConvShapes(issueConfig(224), 128), 3)), ...(await timeLrn(issueConfig(224), 128, 3))];
  log('\nper layer, 224 px, batch 128 (ms per call)\n| layer | kernel | stock | new | speed-up |\n|---|---|---|---|---|');
  for (const l of layers) log(`| ${l.layer} | ${l.kernel} | ${l.stockMs.toFixed(2)} | ${l.newMs.toFixed(2)} | ${(l.stockMs / l.newMs).toFixed(1)}x |`);
  const throughput = [];
  for (const kernels of ['stock', 'new'] as const) {
    if (kernels === 'stock') unregisterWebgpuKernels();
    else registerWebgpuKernels();
    for (const s of SIZES) {
      const { result, profile } = await measureThroughput({ ...s, warmup: 2, steps: 5, profile: kernels === 'new' && s.inputSize === 224 });
      throughput.push({ kernels, ...result, profile: profile.slice(0, 15) });
      log(`${kernels} ${s.inputSize} px batch ${s.batchSize}: train ${result.trainImagesPerSecond.toFixed(1)} img/s (${result.trainStepMs.toFixed(1)} ms/step), infer ${result.inferImagesPerSecond.toFixed(1)} img/s [${((performance.now() - t0) / 1000).toFixed(1)} s]`);
    }
  }
  const memory = (await measureThroughput({ ...MEMORY_SIZE, warmup: 1, steps: 2, profile: false })).result;
  log(`memory, new kernels, ${memory.inputSize} px batch ${memory.batchSize}: peak live tensors ${(memory.peakTensorBytes / MIB).toFixed(0)} MiB, GPU buffers allocated ${(memory.peakGpuAllocatedBytes / MIB).toFixed(0)} MiB, host peak RSS ${(memory.peakRssBytes / MIB).toFixed(0)} MiB; train ${memory.trainImagesPerSecond.toFixed(1)} img/s`);
  const profiled = throughput.find((t) => t.profile.length > 0);
  if (profiled) {
    log('\nprofile of one train step, new kernels, 224 px batch 128 (GPU ms; 0 = no timestamp queries)');
    for (const k of profiled.profile) log(`  ${k.name.padEnd(28)} ${String(k.calls).padStart(4)} calls ${k.timeMs.toFixed(2).padStart(9)} ms`);
  }
  const result = { device, tfjs: tf.version_core, maxRelError: MAX_REL_ERROR, checks, layers, throughput, memory };
  const out = arg('--out');
  if (out !== undefined) writeJsonAtomic(out, result);
  log(`\nRESULT ${JSON.stringify({ device, worstRelError: worst, throughput: throughput.map(({ profile: _, ...t }) => t), memory })}`);
  return worst < MAX_REL_ERROR ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`webgpu-perf: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
