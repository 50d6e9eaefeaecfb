/**
 * Where a training step of an experiment's net goes on `wasm`: every registered wasm
 * kernelFunc is wrapped and its SELF time summed (the time of kernels it calls inside, as
 * our composite kernels do, is counted under those), per kernel name, with Conv2D split by
 * input and filter shape (forward convs and the convs inside the gradient kernels). Also
 * the step's median and fastest wall time, so the kernel sum and the step compare directly.
 * Net, batch, data and SGD as `bench perf EXPERIMENT --variant LABEL` (its first net).
 *
 *   BENCH_WASM_THREADS=1 node --import tsx bench/experiment-kernels.ts EXPERIMENT [LABEL] [steps=40]
 */
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../src/engine/engines.js';
import { experimentPerfNets } from '../src/train/perf-nets.js';
import { perfSetup } from '../src/train/perf.js';
import { trainStep } from '../src/train/train-step.js';
import { deriveSeed } from '../src/core/rng.js';

const [file, label, stepsArg] = process.argv.slice(2);
const steps = Number(stepsArg ?? 40);
const WARMUP = 5;
const engine = await useEngine('wasm');
const net = experimentPerfNets(file, label)[0];
const self = new Map<string, { ms: number; calls: number }>();
// Per open kernel call: the time spent in kernels it called.
const nested: number[] = [];

function key(name: string, args: Parameters<tf.KernelFunc>[0]): string {
  if (name !== tf.Conv2D) return name;
  const shapes = Object.values(args.inputs).map((t) => (t as tf.TensorInfo).shape.join('x'));
  return `Conv2D ${shapes.join(' * ')}`;
}

for (const config of tf.getKernelsForBackend('wasm')) {
  const inner = config.kernelFunc;
  (config as { kernelFunc: tf.KernelFunc }).kernelFunc = (args) => {
    nested.push(0);
    const t0 = performance.now();
    try {
      return inner(args);
    } finally {
      const ms = performance.now() - t0;
      const inside = nested.pop()!;
      if (nested.length) nested[nested.length - 1] += ms;
      const k = key(config.kernelName, args);
      const entry = self.get(k) ?? { ms: 0, calls: 0 };
      entry.ms += ms - inside;
      entry.calls += 1;
      self.set(k, entry);
    }
  };
}

const setup = perfSetup(net.config, net.batchSize);
const stepMs: number[] = [];
for (let i = 0; i < WARMUP + steps; i++) {
  if (i === WARMUP) self.clear();
  const t0 = performance.now();
  const { loss, misses } = trainStep({ model: setup.model, sgd: setup.sgd, batch: setup.batch, learningRate: 0.001, dropoutSeed: deriveSeed(setup.seed, i), topK: [1] });
  await loss.data();
  tf.dispose([loss, misses]);
  if (i >= WARMUP) stepMs.push(performance.now() - t0);
}
stepMs.sort((a, b) => a - b);
const rows = [...self.entries()].sort((a, b) => b[1].ms - a[1].ms);
const kernelMs = rows.reduce((n, [, e]) => n + e.ms, 0) / steps;
const calls = rows.reduce((n, [, e]) => n + e.calls, 0) / steps;
console.log(`${net.experiment?.name} (${net.experiment?.runs.join(' | ')}), ${engine.device}`);
console.log(`step: median ${stepMs[Math.floor(steps / 2)].toFixed(2)} ms, fastest ${stepMs[0].toFixed(2)} ms over ${steps}; kernels ${kernelMs.toFixed(2)} ms a step, ${calls} calls`);
for (const [name, e] of rows.slice(0, 20)) {
  console.log(`  ${name.padEnd(40)} ${(e.ms / steps).toFixed(3).padStart(8)} ms  x${e.calls / steps}`);
}
setup.dispose();
