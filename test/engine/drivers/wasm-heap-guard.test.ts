/**
 * The wasm heap guard (src/engine/drivers/wasm-heap-guard.ts) and the pool threads' crash
 * handler (wasm-threads.ts), each in its own process that fills the 4 GiB heap
 * (test/helpers/wasm-heap-exhaust.ts). Claims: a tensor allocation that cannot be had
 * throws a RunError with the out-of-memory message, on 1 and 2 threads (without the guard
 * tfjs wrote the tensor over address 0); an XNNPACK allocation that fails (tfjs only warns
 * and the conv returns garbage) makes the next op throw it; a trap inside a kernel ends
 * the process with exit 1 and the message at once; a crashed pool thread kills the process
 * with the message instead of leaving the main thread waiting.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const helper = fileURLToPath(new URL('../../helpers/wasm-heap-exhaust.ts', import.meta.url));
const OUT_OF_MEMORY = /^engine wasm: out of memory: the run needed more than the 4 GiB a WebAssembly heap can hold/m;

/**
 * Each case takes 2-3 s on the 2-core machine (filling the heap is one malloc per 256 MiB,
 * nothing is written); 60 s is far above that, so reaching it means a hang, which is what
 * the guard exists to prevent.
 */
const HANG_MS = 60_000;

function exhaust(mode: string, threads: number) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', helper, mode], {
    env: { ...process.env, BENCH_WASM_THREADS: String(threads) }, encoding: 'utf8', timeout: HANG_MS,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  return { ...r, report: last.startsWith('{') ? (JSON.parse(last) as Record<string, { threw: boolean; runError: boolean; message: string }>) : null };
}

for (const threads of [1, 2]) {
  t.test(`${threads} thread(s): a tensor allocation that does not fit throws the out-of-memory RunError`, async (t) => {
    const r = exhaust('js', threads);
    t.equal(r.signal, null, 'ended on its own');
    t.equal(r.status, 0, r.stderr);
    t.ok(r.report?.fill.runError, 'the allocation that filled the heap threw a RunError');
    t.match(r.report?.fill.message, OUT_OF_MEMORY);
    t.ok(r.report?.after.runError, 'a tensor after it throws too');
  });

  t.test(`${threads} thread(s): XNNPACK out of memory makes the next op throw instead of using garbage`, async (t) => {
    const r = exhaust('xnn', threads);
    t.equal(r.status, 0);
    t.match(r.stderr, /Got status 6/, "tfjs's warning (stderr) that XNNPACK got no memory");
    t.same(r.report?.conv, { threw: false }, 'the conv itself returns (its output is garbage)');
    t.ok(r.report?.next.runError, 'the next op throws the RunError');
    t.match(r.report?.next.message, OUT_OF_MEMORY);
  });

  t.test(`${threads} thread(s): a trap in a kernel ends the process with exit 1 and the message`, async (t) => {
    const r = exhaust('trap', threads);
    t.equal(r.signal, null, 'not killed by the hang timeout');
    t.equal(r.status, 1);
    t.match(r.stderr, OUT_OF_MEMORY);
    t.equal(r.report, null, 'nothing ran after the trap');
    t.notMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
}

t.test('a crashed pool thread kills the process with the message', async (t) => {
  const r = exhaust('crash', 2);
  t.equal(r.signal, 'SIGKILL', 'killed by its worker, not by the hang timeout (that would be SIGTERM)');
  t.match(r.stderr, /^engine wasm: a WebAssembly worker thread crashed \(.*not iterable\); the process was stopped/m);
  t.equal(r.report, null, 'the main thread did not go on');
});
