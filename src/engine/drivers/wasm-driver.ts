/** `wasm`: tfjs-backend-wasm (XNNPACK) with the project's conv gradient kernels. Always installed. */
import os from 'node:os';
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { RANK, type EngineDriver, type ProbeResult } from './driver-types.js';
import { registerWasmKernels } from '../wasm-kernels/register.js';
import { switchTo } from './backend-switch.js';
import { prepareWasmThreads, releaseWasmWorkers } from './wasm-threads.js';
import { guardAllocations, watchWasmModule } from './wasm-heap-guard.js';
import { InputError, messages } from '../../core/errors.js';

/** The backend caps its pool at 8 workers (PTHREAD_POOL_SIZE of tfjs's build). */
const MAX_THREADS = 8;
const THREADS_VAR = 'BENCH_WASM_THREADS';

/**
 * The largest heap the backend's Emscripten build can grow to: 65535 pages of 64 KiB
 * (its getHeapMax(), 4 GiB less one page: 32-bit addresses).
 */
export const WASM_HEAP_LIMIT_BYTES = 65535 * 65536;

/** Threads to ask for: BENCH_WASM_THREADS, else one per core (at most 8). */
export function wasmThreadsWanted(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[THREADS_VAR];
  if (raw === undefined || raw === '') return Math.min(MAX_THREADS, os.availableParallelism());
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_THREADS) {
    throw new InputError(messages.notAllowed(`environment variable ${THREADS_VAR}`, raw, [`an integer from 1 to ${MAX_THREADS}`]));
  }
  return n;
}

let threadsPrepared = false;

/** Threads are fixed when the module starts, so this runs before the first initialisation. */
function prepareThreadsOnce(): void {
  if (threadsPrepared) return;
  threadsPrepared = true;
  restoreAfterInit = prepareWasmThreads(wasmThreadsWanted());
}

let restoreAfterInit: { restore(): void } | null = null;

async function initWasm(): Promise<boolean> {
  prepareThreadsOnce();
  // Only the first initialisation instantiates the module; later calls find it (tfjs keeps it).
  const watch = watchWasmModule(WASM_HEAP_LIMIT_BYTES);
  try {
    const ok = await switchTo('wasm');
    if (ok) {
      releaseWasmWorkers();
      guardAllocations((tf.backend() as unknown as { wasm: Parameters<typeof guardAllocations>[0] }).wasm);
    }
    return ok;
  } finally {
    watch.restore();
    restoreAfterInit?.restore();
  }
}

function version(): string {
  return `tfjs-core ${tf.version_core}, tfjs-backend-wasm ${version_wasm}`;
}

async function device(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = getThreadsCount();
  return `CPU (WebAssembly${simd ? ' SIMD' : ', no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`;
}

async function probe(): Promise<ProbeResult> {
  const base = { rank: RANK.wasm, version: version() };
  if (typeof WebAssembly !== 'object') {
    return { ...base, usable: false, why: 'this JavaScript runtime has no WebAssembly', fix: 'use --engine cpu' };
  }
  // Initialising is the only way to know the binary loads here (and how many threads it got).
  if (!(await initWasm())) {
    const fix = wasmThreadsWanted() > 1 ? `run with ${THREADS_VAR}=1 (one thread), reinstall the project (npm ci) or use --engine cpu` : 'reinstall the project (npm ci) or use --engine cpu';
    return { ...base, usable: false, why: 'the WebAssembly binary of tfjs-backend-wasm failed to load', fix };
  }
  return { ...base, usable: true, why: 'embedded; runs everywhere WebAssembly does', fix: '', device: await device() };
}

async function activate(): Promise<{ version: string; device: string }> {
  registerWasmKernels();
  if (!(await initWasm())) throw new Error('tfjs-backend-wasm failed to initialise');
  return { version: version(), device: await device() };
}

export const wasmDriver: EngineDriver<'wasm'> = {
  name: 'wasm',
  // XNNPACK splits work across threads by output tiles; each output's sum keeps its order,
  // so the thread count does not change a bit (test/engine/drivers/wasm-threads.test.ts
  // checks 1, 2 and 3 threads). SIMD and non-SIMD builds sum in different orders.
  bitExact: 'bit-exact run to run on the same machine, whatever the thread count (SIMD and non-SIMD CPUs may differ)',
  memoryLimitBytes: WASM_HEAP_LIMIT_BYTES,
  probe,
  activate,
};
