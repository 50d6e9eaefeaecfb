/**
 * Smoke run of the GPU bench's pieces on Deno's WebGPU (lavapipe here, no GPU): proves the
 * checks, per-layer timing and train step run before the one GPU run. Times mean nothing
 * on lavapipe. Bundled first, because Deno cannot load tfjs-core's extensionless gradient tree:
 *   npx esbuild bench/webgpu/lavapipe-smoke.deno.ts --bundle --format=esm --platform=node \
 *     --outfile=/tmp/smoke.mjs --banner:js="import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);"
 *   XDG_RUNTIME_DIR=/tmp node_modules/.bin/deno run --unstable-webgpu -A /tmp/smoke.mjs
 * (about 2 minutes on the 2-core VM.)
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
console.log(version_cpu);
await import('@tensorflow/tfjs-backend-webgpu');
const { alexnetConvShapes, checkOnGpu, timeLayers, timeLrn } = await import('./kernel-bench.js');
const { issueConfig, measureThroughput } = await import('./train-bench.js');
const { registerWebgpuKernels } = await import('../../src/engine/webgpu-kernels/register.js');
await tf.setBackend('webgpu');
const shapes = alexnetConvShapes(issueConfig(64), 1);
console.log(shapes);
console.log(await checkOnGpu(shapes.slice(0, 3)));
console.log(await timeLayers(shapes.slice(0, 2), 1));
console.log(await timeLrn(issueConfig(64), 2, 1));
registerWebgpuKernels();
const r = await measureThroughput({ inputSize: 64, batchSize: 2, warmup: 0, steps: 1, profile: true });
console.log(r.result, r.profile.slice(0, 8));
