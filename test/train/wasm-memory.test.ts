/**
 * The wasm memory estimate (src/train/wasm-memory.ts) against heaps measured on the 2-core
 * machine (docs/PERFORMANCE.md, "Memory of the paper net on `wasm`", has the table).
 * Measured with BENCH_WASM_THREADS=2 (one thread gave the same heap, 3546 MiB at batch 64):
 *   perf:  BENCH_SKIP_MEMORY_PREFLIGHT=1 node dist/cli/main.js perf --engine wasm --variant V
 *          --input N --batch B [--classes 10] --warmup 1 --steps 2 --json   (wasmHeapBytes)
 *   trace: node --import tsx bench/wasm-heap.ts --variant V --input N --batch B --steps S
 *          [--normalization batchnorm] [--infer-images I]   (the last heapAfterStepMiB)
 * The heap never shrinks, so each figure is the most a run reached.
 */
import t from 'tap';
import { estimateWasmMemory, type WasmRunShape } from '../../src/train/wasm-memory.js';
import { WASM_HEAP_LIMIT_BYTES } from '../../src/engine/drivers/wasm-driver.js';
import { variantConfig, type ModelVariantName } from '../../src/models/variants.js';
import type { NormalizationName } from '../../src/models/normalizations.js';

interface Measured {
  how: string;
  variant: ModelVariantName;
  inputSize: number;
  classes: number;
  normalization?: NormalizationName;
  run: WasmRunShape;
  /** The heap in MiB, or null: it ran out of memory. */
  heapMiB: number | null;
}

const paper = { variant: 'paper', inputSize: 227, classes: 1000 } as const;
const train = (batchSize: number): WasmRunShape => ({ batchSize, tenCrop: false });

const MEASURED: Measured[] = [
  { how: 'trace, 8 steps', ...paper, run: train(8), heapMiB: 2410 },
  { how: 'perf', ...paper, run: train(16), heapMiB: 2688 },
  { how: 'perf', ...paper, run: train(32), heapMiB: 2690 },
  { how: 'trace, 30 steps', ...paper, run: train(64), heapMiB: 3686 },
  { how: 'perf (ran out in its third step)', ...paper, run: train(80), heapMiB: null },
  { how: 'perf', ...paper, run: train(96), heapMiB: null },
  { how: 'trace, 1 step + 280 images of inference', ...paper, run: { batchSize: 28, tenCrop: true }, heapMiB: 3969 },
  { how: 'trace, 1 step + 320 images of inference', ...paper, run: { batchSize: 32, tenCrop: true }, heapMiB: null },
  { how: 'trace, 2 steps', ...paper, normalization: 'batchnorm', run: train(32), heapMiB: 3033 },
  { how: 'perf', variant: 'paper-one-tower', inputSize: 227, classes: 1000, run: train(64), heapMiB: 2777 },
  { how: 'trace, 30 steps', variant: 'owt', inputSize: 224, classes: 1000, run: train(64), heapMiB: 2928 },
  { how: 'perf', variant: 'four-layer', inputSize: 32, classes: 10, run: train(128), heapMiB: 212 },
  { how: 'perf', variant: 'four-layer', inputSize: 128, classes: 10, run: train(32), heapMiB: 958 },
];

const MiB = 2 ** 20;
/**
 * Emscripten grows the heap by up to 96 MiB more than a request (min(20%, +96 MiB)), so a
 * measured heap is up to 96 MiB above what the run really used; and where the count of
 * live bytes runs ahead of the heap (XNNPACK's indirection buffers partly reuse freed
 * holes: 68 MiB in the ten-patch pass) it stays within the same 96 MiB.
 */
const GROWTH_STEP = 96 * MiB;

const label = (m: Measured) => `${m.variant}${m.normalization ? ` ${m.normalization}` : ''} ${m.inputSize} px batch ${m.run.batchSize}${m.run.tenCrop ? ' ten-crop' : ''} (${m.how})`;
const estimate = (m: Measured) => estimateWasmMemory(variantConfig(m.variant, { inputSize: m.inputSize, classes: m.classes, normalization: m.normalization }), m.run);

t.test('every measured heap lies between the live bytes counted and the estimate (96 MiB either way)', async (t) => {
  for (const m of MEASURED.filter((x) => x.heapMiB !== null)) {
    const e = estimate(m);
    const headroom = e.peak.terms.find((x) => x.term.startsWith('fragmentation headroom'))!.bytes;
    const measured = m.heapMiB! * MiB;
    t.ok(e.heapBytes >= measured - GROWTH_STEP, `${label(m)}: estimate ${Math.round(e.heapBytes / MiB)} MiB, measured ${m.heapMiB} MiB`);
    t.ok(e.heapBytes - headroom <= measured + GROWTH_STEP, `${label(m)}: live ${Math.round((e.heapBytes - headroom) / MiB)} MiB`);
  }
});

t.test('what ran out is refused, what trained fits', async (t) => {
  for (const m of MEASURED.filter((x) => x.heapMiB === null)) t.ok(estimate(m).heapBytes > WASM_HEAP_LIMIT_BYTES, `${label(m)} is refused`);
  const b64 = MEASURED.find((m) => m.variant === 'paper' && m.run.batchSize === 64)!;
  t.ok(estimate(b64).heapBytes <= WASM_HEAP_LIMIT_BYTES, 'the paper net at batch 64 (30 steps measured) is allowed');
});

t.test('the phases: the backward pass at large batches, the update at small ones, the ten-patch pass when asked', async (t) => {
  const config = variantConfig('paper', { inputSize: 227, classes: 1000 });
  t.equal(estimateWasmMemory(config, train(128)).peak.phase, 'backward pass');
  t.equal(estimateWasmMemory(config, train(8)).peak.phase, 'weight update');
  t.equal(estimateWasmMemory(config, { batchSize: 28, tenCrop: true }).peak.phase, 'ten-patch evaluation');
  t.equal(estimateWasmMemory(config, train(28)).phases.length, 3, 'no ten-patch phase without evaluation.tenCrop');
  const terms = estimateWasmMemory(config, train(64)).peak.terms.map((x) => x.term);
  t.same(terms.slice(0, 4), ['weights', 'momentum', 'weight copies on the tape', 'weight gradients']);
});
