/**
 * Where the wasm heap of a training step goes: seeded SGD steps of a variant on random
 * data (like `bench perf`), with the wasm module's malloc/free wrapped to follow the bytes
 * the backend's tensors hold (the allocations JS makes; XNNPACK's own buffers are the rest
 * of the heap) and every heap growth logged with its phase and kernel. A kernel run inside
 * another is labelled "outer>inner": "Relu>Identity" is the tape's copy of Relu's input.
 *
 *   node --import tsx bench/wasm-heap.ts --variant paper --input 227 --batch 8 \
 *     [--steps 2] [--classes 1000] [--normalization batchnorm] [--infer-images 280]
 *
 * --infer-images N adds one inference pass of N images, as the ten-patch evaluation runs
 * 10 x batchSize crops at once. Prints one JSON object: the heap after each step (and the
 * inference), the peak live tensor bytes per phase, what was live at each phase's peak
 * (MiB by the phase and kernel that allocated it), the backward peak of the first step in
 * bytes split into the tape's copies, the backward pass's tensors and the rest, and the
 * growth events. It found the terms of src/train/wasm-memory.ts (docs/PERFORMANCE.md,
 * "Memory of the paper net on `wasm`"); BENCH_WASM_THREADS chooses the threads.
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../src/engine/engines.js';
import { deriveSeed } from '../src/core/rng.js';
import { perfSetup } from '../src/train/perf.js';
import { crossEntropy } from '../src/train/metrics.js';
import { isModelVariant, variantConfig } from '../src/models/variants.js';
import type { NormalizationName } from '../src/models/normalizations.js';

const { values } = parseArgs({
  options: {
    variant: { type: 'string', default: 'paper' },
    input: { type: 'string', default: '227' },
    batch: { type: 'string', default: '8' },
    classes: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '2' },
    normalization: { type: 'string' },
    /** Then one inference pass (training false) of this many images, as ten-patch testing does with 10 x batch. */
    'infer-images': { type: 'string', default: '0' },
  },
});
const variant = values.variant;
if (!isModelVariant(variant)) throw new Error(`unknown variant ${variant}`);
const batchSize = Number(values.batch);
const config = variantConfig(variant, {
  inputSize: Number(values.input), classes: Number(values.classes), normalization: values.normalization as NormalizationName | undefined,
});

await useEngine('wasm');
interface WasmModule { _malloc(n: number): number; _free(p: number): void; HEAPU8: Uint8Array }
const wasm = (tf.backend() as unknown as { wasm: WasmModule }).wasm;
const MiB = (b: number) => Math.round(b / 2 ** 20);

let phase = 'setup';
let kernel = '';
let live = 0;
const sizes = new Map<number, { bytes: number; phase: string; kernel: string }>();
/** What was live at each phase's peak, by the phase and kernel that allocated it. */
const atPeak = new Map<string, Record<string, number>>();
let reusedUnfreed = 0;
function snapshot(): Record<string, number> {
  const by: Record<string, number> = {};
  for (const a of sizes.values()) by[`${a.phase} ${a.kernel}`] = (by[`${a.phase} ${a.kernel}`] ?? 0) + a.bytes;
  return Object.fromEntries(Object.entries(by).filter(([, b]) => b >= 2 ** 20).sort((a, b) => b[1] - a[1]).map(([k, b]) => [k, MiB(b)]));
}
/** The first step's backward peak in bytes: the tape's copies (made in its forward pass), its backward pass's tensors, the rest. */
let backwardPeak = { tapeCopies: 0, backward: 0, rest: 0 };
function split(): typeof backwardPeak {
  const out = { tapeCopies: 0, backward: 0, rest: 0 };
  for (const a of sizes.values()) {
    if (a.phase === 'forward0' && a.kernel.endsWith('>Identity')) out.tapeCopies += a.bytes;
    else if (a.phase === 'backward0') out.backward += a.bytes;
    else out.rest += a.bytes;
  }
  return out;
}
const peaks = new Map<string, number>();
const growth: Array<{ phase: string; kernel: string; requestMiB: number; liveMiB: number; heapMiB: number }> = [];
// Emscripten binds _malloc/_free lazily: the first call replaces the property with the
// raw export, so call each once before wrapping them.
wasm._free(wasm._malloc(4));
const malloc = wasm._malloc.bind(wasm);
const free = wasm._free.bind(wasm);
wasm._malloc = (n: number) => {
  const before = wasm.HEAPU8.buffer.byteLength;
  // The engine's heap guard (wasm-heap-guard.ts), wrapped by this, throws when it fails.
  const signed = malloc(n);
  // malloc returns a signed int32; the backend frees the unsigned address (above 2 GiB).
  const p = signed >>> 0;
  // Freed inside the module (not through _free): forget the old block.
  const old = sizes.get(p);
  if (old !== undefined) {
    live -= old.bytes;
    reusedUnfreed += 1;
  }
  sizes.set(p, { bytes: n, phase, kernel });
  live += n;
  if (live > (peaks.get(phase) ?? 0)) {
    peaks.set(phase, live);
    if (n >= 2 ** 20) atPeak.set(phase, snapshot());
    if (phase === 'backward0') backwardPeak = split();
  }
  const after = wasm.HEAPU8.buffer.byteLength;
  if (after !== before) growth.push({ phase, kernel, requestMiB: MiB(n), liveMiB: MiB(live), heapMiB: MiB(after) });
  return signed;
};
wasm._free = (address: number) => {
  const p = address >>> 0;
  live -= sizes.get(p)?.bytes ?? 0;
  sizes.delete(p);
  free(address);
};
// The kernel each allocation belongs to (gradient kernels run through runKernel too).
const engine = tf.engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown };
const runKernel = engine.runKernel.bind(engine);
engine.runKernel = (name: string, ...rest: unknown[]) => {
  const outer = kernel;
  // A kernel run inside another (the tape's Identity copies of what a kernel saves) is
  // labelled with both.
  kernel = outer ? `${outer}>${name}` : name;
  const before = wasm.HEAPU8.buffer.byteLength;
  try {
    return runKernel(name, ...rest);
  } finally {
    // Growth inside the kernel that no JS malloc saw: XNNPACK's own buffers.
    const after = wasm.HEAPU8.buffer.byteLength;
    if (after !== before && growth.at(-1)?.heapMiB !== MiB(after)) growth.push({ phase, kernel: `${name} (inside)`, requestMiB: 0, liveMiB: MiB(live), heapMiB: MiB(after) });
    kernel = outer;
  }
};

// The net, SGD and random batch `bench perf` times, so the traced step is the measured one.
const { model, sgd, seed, batch: { x, y } } = perfSetup(config, batchSize);
const setupLive = live;
const heapAfterStep: number[] = [];
for (let i = 0; i < Number(values.steps); i++) {
  phase = `forward${i}`;
  const { value, grads } = tf.variableGrads(() => {
    const logits = model.apply(x, { training: true, dropoutSeed: deriveSeed(seed, i) });
    const loss = crossEntropy(logits, y);
    phase = `backward${i}`;
    return loss;
  });
  phase = `sgd${i}`;
  sgd.step(grads, 0.001);
  await value.data();
  value.dispose();
  heapAfterStep.push(MiB(wasm.HEAPU8.buffer.byteLength));
}
const inferImages = Number(values['infer-images']);
if (inferImages > 0) {
  phase = 'inference';
  const xi = tf.tidy(() => tf.mul(tf.randomNormal([inferImages, config.inputSize, config.inputSize, 3], 0, 1, 'float32', seed), 50)) as tf.Tensor4D;
  const logits = model.apply(xi, { training: false });
  await logits.data();
  tf.dispose([xi, logits]);
  heapAfterStep.push(MiB(wasm.HEAPU8.buffer.byteLength));
}
process.stdout.write(`${JSON.stringify({
  variant, inputSize: config.inputSize, batchSize, setupLiveMiB: MiB(setupLive),
  peakLiveMiB: Object.fromEntries([...peaks].map(([k, v]) => [k, MiB(v)])), heapAfterStepMiB: heapAfterStep, backwardPeakBytes: backwardPeak, reusedUnfreed, growth, atPeak: Object.fromEntries(atPeak),
}, null, 1)}\n`);
process.exit(0);
