/**
 * Where one training step's wall time goes on `wasm`, timed at the kernel calls themselves
 * (not tf.profile): every registered wasm kernelFunc is wrapped, and only top-level calls
 * (those the engine makes, not a composite kernel's inner ones) are summed, so the kernel
 * sum and the step's wall time can be compared directly.
 *
 *   node --import tsx bench/step-kernels.ts [inputPx=224] [steps=3]
 *   STEP_KERNELS_DETAIL=1   also print every top-level call over 8 ms with its input shapes
 *   STEP_KERNELS_NESTED=1   also print inner kernel calls over 3 ms (inside our composites)
 *   STEP_KERNELS_PROFILE=1  first run one step under tf.profile and compare its kernel sum
 *
 * Net, data and SGD as `bench perf --variant owt --lrn --batch 16` (one warm-up step).
 */
import * as tf from '@tensorflow/tfjs-core';
import { buildAlexNet } from '../src/models/alexnet.js';
import { perfConfig } from '../src/train/perf.js';
import { useEngine } from '../src/engine/engines.js';
import { createSgd } from '../src/train/sgd.js';
import { trainStep } from '../src/train/train-step.js';

const px = Number(process.argv[2] ?? 224);
const steps = Number(process.argv[3] ?? 3);
const batchSize = 16;
const engine = await useEngine('wasm');
const config = perfConfig({ variant: 'owt', inputSize: px, classes: 1000, lrn: true });
const model = buildAlexNet(config, { initSeed: 1 });
const sgd = createSgd({ weights: model.weights, momentum: 0.9, weightDecay: 0.0005 });
const x = tf.tidy(() => tf.mul(tf.randomNormal([batchSize, px, px, 3], 0, 1, 'float32', 3), 50)) as tf.Tensor4D;
const labels = Int32Array.from({ length: batchSize }, (_, i) => i);
const y = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), 1000), 'float32')) as tf.Tensor2D;
const batch = { x, y, labels, size: batchSize };
const step = async (i: number): Promise<void> => {
  const { loss, misses } = trainStep({ model, sgd, batch, learningRate: 0.001, dropoutSeed: i, topK: [1] });
  await loss.data();
  tf.dispose([loss, misses]);
};
await step(0);

const shapes = (args: Parameters<tf.KernelFunc>[0]): string =>
  Object.values(args.inputs).map((t) => `[${(t as tf.TensorInfo).shape}]`).join(' ');
const times = new Map<string, { ms: number; calls: number }>();
let depth = 0;
for (const k of tf.getKernelsForBackend('wasm')) {
  const inner = k.kernelFunc;
  const name = k.kernelName;
  (k as { kernelFunc: tf.KernelFunc }).kernelFunc = (args) => {
    if (depth > 0) {
      if (!process.env.STEP_KERNELS_NESTED) return inner(args);
      const t0 = performance.now();
      const out = inner(args);
      const ms = performance.now() - t0;
      if (ms > 3) console.log(`      inner ${name} ${shapes(args)} ${ms.toFixed(1)} ms`);
      return out;
    }
    depth++;
    const t0 = performance.now();
    try {
      return inner(args);
    } finally {
      depth--;
      const ms = performance.now() - t0;
      const e = times.get(name) ?? { ms: 0, calls: 0 };
      e.ms += ms;
      e.calls++;
      times.set(name, e);
      if (process.env.STEP_KERNELS_DETAIL && ms > 8) console.log(`   ${name} ${shapes(args)} ${ms.toFixed(1)} ms`);
    }
  };
}
const kernelSum = (): number => [...times.values()].reduce((a, b) => a + b.ms, 0);

console.log(`${engine.device}; ${px} px, batch ${batchSize}`);
if (process.env.STEP_KERNELS_PROFILE) {
  const t0 = performance.now();
  const info = await tf.profile(() => step(-1));
  const wall = performance.now() - t0;
  const profiled = info.kernels.reduce((a, k) => a + (typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0), 0);
  console.log(`profiled step: wall ${wall.toFixed(0)} ms, tf.profile kernel sum ${profiled.toFixed(0)} ms, timed at the calls ${kernelSum().toFixed(0)} ms`);
  for (const [name, v] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 6)) console.log(`  ${name.padEnd(24)} ${v.ms.toFixed(1).padStart(8)} ms  x${v.calls}`);
  times.clear();
}
const walls: number[] = [];
for (let i = 1; i <= steps; i++) {
  const t0 = performance.now();
  await step(i);
  walls.push(performance.now() - t0);
}
const mean = walls.reduce((a, b) => a + b, 0) / steps;
console.log(`steps: ${walls.map((w) => w.toFixed(0)).join(' ')} ms; mean ${mean.toFixed(0)}, kernels ${(kernelSum() / steps).toFixed(0)} ms per step`);
for (const [name, v] of [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 16)) {
  console.log(`  ${name.padEnd(24)} ${(v.ms / steps).toFixed(1).padStart(8)} ms  x${v.calls / steps}`);
}
tf.dispose([x, y]);
sgd.dispose();
model.dispose();
