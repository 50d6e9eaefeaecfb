/**
 * The memory check before a run (src/train/memory-preflight.ts), without starting an
 * engine: the message's parts, the largest batch it names, engines without a known limit,
 * the ten-patch evaluation, and the variable that skips it.
 */
import t from 'tap';
import { checkMemory, largestBatchThatFits, memoryPreflightSkipped, memoryProblem, type MemoryCheck } from '../../src/train/memory-preflight.js';
import { estimateWasmMemory } from '../../src/train/wasm-memory.js';
import { WASM_HEAP_LIMIT_BYTES } from '../../src/engine/drivers/wasm-driver.js';
import { variantConfig } from '../../src/models/variants.js';
import { InputError } from '../../src/core/errors.js';

const paper = variantConfig('paper', { inputSize: 227, classes: 1000 });
const check = (batchSize: number, tenCrop = false): MemoryCheck => ({ where: 'experiments/x.json: /training/batchSize', config: paper, batchSize, tenCrop });

t.test('batch 128 of the paper net on wasm: file, field, estimate, limit, the batch that fits, the fix', async (t) => {
  const message = memoryProblem(check(128), 'wasm');
  t.match(message, /^experiments\/x\.json: \/training\/batchSize: 128 needs about 6\.3 GiB on wasm \(at most 4 GiB\); use (\d+) or less, or a GPU engine \(--engine webgpu or tensorflow\)$/);
  const fits = Number(/use (\d+) or less/.exec(message ?? '')?.[1]);
  t.ok(estimateWasmMemory(paper, { batchSize: fits, tenCrop: false }).heapBytes <= WASM_HEAP_LIMIT_BYTES, `${fits} fits`);
  t.ok(estimateWasmMemory(paper, { batchSize: fits + 1, tenCrop: false }).heapBytes > WASM_HEAP_LIMIT_BYTES, `${fits + 1} does not`);
  t.equal(largestBatchThatFits(estimateWasmMemory, check(128), WASM_HEAP_LIMIT_BYTES), fits);
});

t.test('what fits passes; engines without a known limit are not checked', async (t) => {
  t.equal(memoryProblem(check(64), 'wasm'), null, 'batch 64 (measured to train) is allowed');
  for (const engine of ['cpu', 'webgpu', 'tensorflow'] as const) t.equal(memoryProblem(check(4096), engine), null, `${engine}: no check`);
});

t.test('the ten-patch evaluation is checked too, and named', async (t) => {
  t.equal(memoryProblem(check(16, true), 'wasm'), null, '160 crops fit');
  t.match(memoryProblem(check(64, true), 'wasm'), /64 needs about [\d.]+ GiB on wasm for its ten-patch evaluation, 640 crops in one pass \(at most 4 GiB\); use \d+ or less/);
});

t.test('no batch fits: says so', async (t) => {
  const huge = { ...paper, fcUnits: [65536, 65536] as [number, number] };
  t.match(memoryProblem({ ...check(8), config: huge }, 'wasm'), /8 needs about [\d.]+ GiB on wasm \(at most 4 GiB\); no batch size fits; use a GPU engine/);
});

t.test('checkMemory: every problem once, one per line; BENCH_SKIP_MEMORY_PREFLIGHT', async (t) => {
  const notes: string[] = [];
  const err = t.throws(() => checkMemory([check(128), check(128), { ...check(256), where: 'y.json: /training/batchSize' }], 'wasm', (n) => notes.push(n)));
  t.ok(err instanceof InputError, 'bad input: exit 2');
  t.equal((err as Error).message.split('\n').length, 2, 'the same problem once');
  t.same(notes, []);
  const saved = process.env.BENCH_SKIP_MEMORY_PREFLIGHT;
  t.teardown(() => {
    if (saved === undefined) delete process.env.BENCH_SKIP_MEMORY_PREFLIGHT;
    else process.env.BENCH_SKIP_MEMORY_PREFLIGHT = saved;
  });
  process.env.BENCH_SKIP_MEMORY_PREFLIGHT = '1';
  checkMemory([check(128)], 'wasm', (n) => notes.push(n));
  t.match(notes, [/^memory check skipped \(BENCH_SKIP_MEMORY_PREFLIGHT=1\)/]);
  t.equal(memoryPreflightSkipped({}), false);
  t.equal(memoryPreflightSkipped({ BENCH_SKIP_MEMORY_PREFLIGHT: '' }), false);
  t.throws(() => memoryPreflightSkipped({ BENCH_SKIP_MEMORY_PREFLIGHT: 'true' }), InputError);
});
