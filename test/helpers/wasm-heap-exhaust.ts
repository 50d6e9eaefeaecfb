/**
 * Test helper, run as a child process (it fills the 4 GiB wasm heap; threads from
 * BENCH_WASM_THREADS): exhausts the heap one way and prints one JSON line with what
 * happened (test/engine/drivers/wasm-heap-guard.test.ts).
 *
 *   js     a tensor allocation (the backend's _malloc from JS) that cannot be satisfied;
 *   xnn    an allocation inside XNNPACK (a convolution's indirection buffer, 122 MB for a
 *          11x11 filter over a 512x512 map) with one 8 MiB hole left: XNNPACK reports
 *          out-of-memory, the conv returns garbage, and the next op must throw;
 *   trap   the same conv with eight separate 1 MiB holes: the conv traps, and the process
 *          must end at once with exit 1 and the message; nothing is printed after;
 *   crash  a pool thread that throws (a malformed message to an idle pool worker): the
 *          process must be killed, with the message on stderr; nothing is printed after.
 */
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../../src/engine/engines.js';
import { RunError } from '../../src/core/errors.js';

interface WasmModule {
  _malloc(bytes: number): number;
  _free(address: number): void;
  PThread?: { unusedWorkers: Array<{ postMessage(m: unknown): void }> };
}

const mode = process.argv[2];
await useEngine('wasm');
const wasm = (tf.backend() as unknown as { wasm: WasmModule }).wasm;

function report(what: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ mode, ...what })}\n`);
}

function outcome(body: () => unknown): Record<string, unknown> {
  try {
    body();
    return { threw: false };
  } catch (err) {
    return { threw: true, runError: err instanceof RunError, message: (err as Error).message };
  }
}

/** Raw blocks of 256 MiB, then 1 MiB, until the heap is full; the guard throws on the failing one. */
function fillHeap(): { small: number[]; failure: Record<string, unknown> } {
  let failure: Record<string, unknown> = {};
  const small: number[] = [];
  for (const bytes of [256 * 2 ** 20, 2 ** 20]) {
    failure = outcome(() => {
      for (;;) {
        const address = wasm._malloc(bytes);
        if (bytes === 2 ** 20) small.push(address);
      }
    });
  }
  return { small, failure };
}

if (mode === 'js') {
  const { failure } = fillHeap();
  report({ fill: failure, after: outcome(() => tf.zeros([64 * 2 ** 20])) });
} else if (mode === 'xnn' || mode === 'trap') {
  const { small } = fillHeap();
  // The conv's 1 MB output fits a hole, its 122 MB indirection buffer none.
  const holes = mode === 'xnn' ? small.slice(-8) : small.slice(-16).filter((_, i) => i % 2 === 0);
  for (const address of holes) wasm._free(address);
  const x = tf.ones([1, 512, 512, 1]) as tf.Tensor4D;
  const filter = tf.ones([11, 11, 1, 1]) as tf.Tensor4D;
  let y: tf.Tensor | undefined;
  const conv = outcome(() => {
    y = tf.conv2d(x, filter, 1, 'valid');
  });
  report({ conv, next: outcome(() => tf.add(y ?? x, 1)) });
} else if (mode === 'crash') {
  const idle = wasm.PThread?.unusedWorkers[0];
  if (idle === undefined) throw new Error('no idle pool worker: run with BENCH_WASM_THREADS=2');
  // The worker's onmessage throws on a load message without handlers; Emscripten rethrows it.
  idle.postMessage({ cmd: 'load', handlers: null });
  await new Promise((resolve) => setTimeout(resolve, 30_000));
  report({ survived: true });
} else {
  throw new Error(`unknown mode ${mode}`);
}
process.exit(0);
