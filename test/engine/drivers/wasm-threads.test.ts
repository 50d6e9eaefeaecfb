/**
 * The threaded wasm build under Node (src/engine/drivers/wasm-threads.ts): each thread
 * count runs in its own process (the pool size is fixed when the backend starts). Claims
 * tested: the engine really gets the threads it asked for, training is bit-identical
 * whatever the thread count (XNNPACK splits work by output tiles; each output's sum keeps
 * its order), and no tensor leaks across steps. A bad BENCH_WASM_THREADS is an input error.
 */
import t from 'tap';
import { execFileSync, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wasmThreadsWanted } from '../../../src/engine/drivers/wasm-driver.js';
import { InputError } from '../../../src/core/errors.js';

const helper = fileURLToPath(new URL('../../helpers/wasm-train-hash.ts', import.meta.url));

interface Out { device: string; weights: string; tensors: number[]; buffers: number[] }

function train(threads: number): Out {
  const out = execFileSync(process.execPath, ['--import', 'tsx', helper], {
    env: { ...process.env, BENCH_WASM_THREADS: String(threads) }, encoding: 'utf8', timeout: 240_000,
  });
  return JSON.parse(out.trim().split('\n').pop() as string) as Out;
}

t.test('1, 2 and 3 threads give bit-identical weights, and no tensor leaks', async (t) => {
  const runs = [1, 2, 3].map((n) => ({ n, out: train(n) }));
  for (const { n, out } of runs) {
    t.match(out.device, new RegExp(`, ${n} threads?\\)$`), `the engine got ${n} thread(s): ${out.device}`);
    t.ok(out.tensors.every((c) => c === out.tensors[0]), `numTensors constant over steps (${out.tensors})`);
    t.ok(out.buffers.every((c) => c === out.buffers[0]), `backend buffers constant over steps (${out.buffers})`);
  }
  t.equal(runs[1].out.weights, runs[0].out.weights, '2 threads = 1 thread, bit for bit');
  t.equal(runs[2].out.weights, runs[0].out.weights, '3 threads = 1 thread, bit for bit');
});

t.test('a process that used 2 wasm threads exits on its own', async (t) => {
  // Without releaseWasmWorkers the pool's pthreads keep Node alive forever; 60 s is far
  // above the ~3 s this takes, so a timeout can only mean the hang is back.
  const exitHelper = fileURLToPath(new URL('../../helpers/wasm-exit.ts', import.meta.url));
  const r = spawnSync(process.execPath, ['--import', 'tsx', exitHelper], {
    env: { ...process.env, BENCH_WASM_THREADS: '2' }, encoding: 'utf8', timeout: 60_000,
  });
  t.equal(r.signal, null, 'not killed by the timeout');
  t.equal(r.status, 0, r.stderr);
  t.match(r.stdout, /2 threads\)","finite":true/);
});

t.test('BENCH_WASM_THREADS is validated', async (t) => {
  t.equal(wasmThreadsWanted({ BENCH_WASM_THREADS: '2' }), 2);
  t.ok(wasmThreadsWanted({}) >= 1, 'default: one per core');
  for (const bad of ['0', '9', '1.5', 'two']) {
    t.throws(() => wasmThreadsWanted({ BENCH_WASM_THREADS: bad }), InputError, `rejects ${bad}`);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', helper], { env: { ...process.env, BENCH_WASM_THREADS: 'two' }, encoding: 'utf8' });
  t.not(r.status, 0, 'a run with a bad value fails');
  t.match(r.stderr, /BENCH_WASM_THREADS: "two" is not allowed; use "an integer from 1 to 8"/);
});
