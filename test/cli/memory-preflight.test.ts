/**
 * The paper net on wasm, spawning the CLI at 1 and 2 threads (BENCH_WASM_THREADS):
 *  (a) batch 128 at 227 px is refused before training (before the engine starts): exit 2,
 *      the message names the file and field, the estimate, the limit and the largest batch
 *      that fits; no stack trace, nothing written;
 *  (b) with the check skipped (BENCH_SKIP_MEMORY_PREFLIGHT=1) a run that does exhaust the
 *      heap ends with exit 1 and the out-of-memory message, within a bound: a hang check
 *      (before src/engine/drivers/wasm-heap-guard.ts, 2 threads spun forever).
 */
import t from 'tap';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench } from '../helpers/cli.js';

const REFUSAL = /^\S+paper-b128\.json: \/training\/batchSize: 128 needs about [\d.]+ GiB on wasm \(at most 4 GiB\); use (\d+) or less, or a GPU engine \(--engine webgpu or tensorflow\)$/m;
const OUT_OF_MEMORY = /^engine wasm: out of memory: the run needed more than the 4 GiB a WebAssembly heap can hold and stopped; lower training\.batchSize/m;
const STACK = /\n\s+at /;

const PAPER_B128 = {
  name: 'paper-227-b128',
  dataset: { format: 'synthetic', imageSize: 227, classes: 1000, trainSize: 128, valSize: 8 },
  model: { variant: 'paper', inputSize: 227 },
  training: { epochs: 1, batchSize: 128 },
  seeds: [1],
};

/**
 * The quickest way found to exhaust the heap inside a real training step of the paper net:
 * batch 640 at 227 px runs out in the first layer's forward pass (its inputs, output and
 * the tape's copies pass 4 GiB) after about 8 s of setup (initialising 61 M weights) and
 * one conv1 pass; a larger batch spends longer drawing the random images, a smaller one
 * reaches conv2 first. Most of the time is drawing 160 M normal values in JS and the first
 * touch of 4 GiB of fresh heap. 38-54 s on the 2-core machine (27-40 s from dist/ with load 8).
 */
const OOM_RUN = ['perf', '--engine', 'wasm', '--variant', 'paper', '--input', '227', '--batch', '640', '--warmup', '0', '--steps', '1'];
/** Three times the slowest time seen (54 s): reaching it means the process hangs, not that it is slow. */
const HANG_MS = 160_000;

for (const threads of ['1', '2']) {
  t.test(`${threads} thread(s): bench run refuses batch 128 at 227 px before training`, async (t) => {
    const dir = t.testdir({});
    const file = join(dir, 'paper-b128.json');
    writeFileSync(file, JSON.stringify(PAPER_B128));
    const r = bench(['run', file, '--engine', 'wasm', '--out', join(dir, 'results')], { env: { BENCH_WASM_THREADS: threads } });
    t.equal(r.code, 2, r.stderr);
    const fits = Number(REFUSAL.exec(r.stderr)?.[1]);
    t.ok(fits >= 64 && fits < 96, `the largest batch named (${fits}) is one that trains (64) and below one that ran out (96)`);
    t.notMatch(r.stderr, STACK, 'no stack trace');
    t.notMatch(r.stderr, /^engine: /m, 'refused before the engine started');
    t.notOk(existsSync(join(dir, 'results')), 'nothing written');
  });

  t.test(`${threads} thread(s): with the check skipped, running out of heap ends with exit 1 and the message`, async (t) => {
    const started = Date.now();
    const r = bench(OOM_RUN, { env: { BENCH_WASM_THREADS: threads, BENCH_SKIP_MEMORY_PREFLIGHT: '1' }, timeoutMs: HANG_MS });
    t.equal(r.signal, null, `ended on its own (${Math.round((Date.now() - started) / 1000)} s), not killed by the hang bound`);
    t.equal(r.code, 1, r.stderr);
    t.match(r.stderr, OUT_OF_MEMORY);
    t.match(r.stderr, /^memory check skipped \(BENCH_SKIP_MEMORY_PREFLIGHT=1\)/m, 'says the check was skipped');
    t.notMatch(r.stderr, STACK, 'no stack trace');
  });
}

t.test('bench perf refuses --batch 128 at 227 px the same way; a bad BENCH_SKIP_MEMORY_PREFLIGHT is bad input', async (t) => {
  const perf = ['perf', '--engine', 'wasm', '--variant', 'paper', '--input', '227', '--batch', '128'];
  const r = bench(perf);
  t.equal(r.code, 2, r.stderr);
  t.match(r.stderr, /^--batch: 128 needs about [\d.]+ GiB on wasm \(at most 4 GiB\); use \d+ or less/m);
  const bad = bench(perf, { env: { BENCH_SKIP_MEMORY_PREFLIGHT: 'yes' } });
  t.equal(bad.code, 2);
  t.match(bad.stderr, /environment variable BENCH_SKIP_MEMORY_PREFLIGHT: "yes" is not allowed; use "1 \(skip the memory check\)" or "unset"/);
});
