/**
 * Runs tfjs-backend-wasm's threaded build (XNNPACK on a pthreadpool) under Node.
 *
 * WHY this is needed: tfjs 4.22 sets WASM_HAS_MULTITHREAD_SUPPORT to false whenever it
 * runs in Node (tfjs issue 3830), so `wasm` uses one core. The threaded Emscripten build
 * it ships does support Node's worker_threads; three things in the way are worked around
 * here, all before the backend initialises:
 *   1. The pthread worker script is handed to `new Worker()` as a blob: URL, which Node's
 *      Worker rejects. Blobs made during initialisation are recorded and
 *      URL.createObjectURL returns a real file (in a private temp folder) for them.
 *   2. The worker loads the main Emscripten script from a Blob too; the worker file is
 *      rewritten to load that script from its file instead. The bundled main script
 *      refers to the bundle's renamed `require$$N` modules, which get a prelude.
 *   3. The backend caps its pool at navigator.hardwareConcurrency / 2 (it assumes two
 *      hyperthreads per core), i.e. 1 on a 2-core machine; os.cpus() is made to report
 *      twice the cores while the module starts, so the cap becomes the real core count.
 * If anything fails the caller falls back to one thread and says so.
 *
 * A pool thread that throws (a trap in wasm) would leave the main thread waiting for it
 * forever, inside wasm, where no JS runs: the worker file therefore starts with a handler
 * that prints the error and ends the whole process (crashHandler below).
 *
 * Once the backend runs, its pool threads must not keep the process alive: XNNPACK's
 * pthreadpool threads never return, and Emscripten `ref()`s a Node worker while its
 * pthread runs, so without `releaseWasmWorkers` a finished `bench run` would never exit.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { messages } from '../../core/errors.js';

const MAIN_MARK = 'var WasmBackendModuleThreadedSimd';
const WORKER_BLOB_LOAD = 'var objectUrl=URL.createObjectURL(e.data.urlOrBlob);importScripts(objectUrl);URL.revokeObjectURL(objectUrl)';

/** `var require$$0 = require('fs');` lines of the bundle the Emscripten code was built into. */
function bundlePrelude(): string {
  const require = createRequire(import.meta.url);
  const bundle = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm'), 'utf8').slice(0, 4000);
  const lines = bundle.match(/^var require\$\$\d+ = require\('[a-z_]+'\);$/gm) ?? [];
  return `${lines.join('')}var commonjsGlobal=globalThis;`;
}

const WHAT = '\u0000what\u0000';

/**
 * First lines of the pthread worker file: an uncaught error in a pool thread prints the
 * message and kills the process. WHY kill, and not exit 1: process.exit() in a
 * worker_thread ends only that thread, and the main thread, which alone could set the exit
 * code, is blocked inside wasm waiting for this one (pthreadpool), running no JS; a
 * supervising parent process could turn the kill into exit 1, but out-of-memory (the one
 * failure seen so far) never reaches a pool thread: the heap guard (wasm-heap-guard.ts)
 * stops it on the main thread with exit 1. This handler is for a crash nobody has seen, and
 * there a stuck process is the outcome to avoid. SIGKILL, because a handler cannot keep it.
 * Emscripten's worker code rethrows every error it does not handle itself, so any error
 * that gets here ends the thread.
 */
export function crashHandler(): string {
  const [before, after] = messages.wasmWorkerCrashed(WHAT).split(WHAT);
  return `process.on('uncaughtException',function(e){require('fs').writeSync(2,${JSON.stringify(before)}+String(e&&e.message||e)+${JSON.stringify(`${after}
`)});` +
    `process.kill(process.pid,'SIGKILL')});`;
}

/** The worker script with crashHandler() first, after its "use strict" directive (which must stay first to count). */
function withCrashHandler(worker: string): string {
  const strict = '"use strict";';
  return worker.startsWith(strict) ? strict + crashHandler() + worker.slice(strict.length) : crashHandler() + worker;
}

export interface ThreadSetup {
  /** Undo the temporary patches (os.cpus, Blob); keep the worker files until exit. */
  restore(): void;
}

/**
 * Prepare the threaded build for `threads` threads. Must run before the wasm backend is
 * first initialised (tf.setBackend('wasm') / probing). Returns null when `threads` is 1.
 */
export function prepareWasmThreads(threads: number): ThreadSetup | null {
  if (threads <= 1) return null;
  const dir = mkdtempSync(join(os.tmpdir(), 'bench-wasm-threads-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const prelude = bundlePrelude();
  const texts = new WeakMap<Blob, string>();
  let mainPath: string | null = null;
  const OriginalBlob = globalThis.Blob;
  class RecordingBlob extends OriginalBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts === undefined || !parts.every((p) => typeof p === 'string')) return;
      const text = (parts as string[]).join('');
      texts.set(this, text);
      if (text.startsWith(MAIN_MARK)) {
        mainPath = join(dir, 'main.cjs');
        writeFileSync(mainPath, prelude + text);
      }
    }
  }
  const originalCreate = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob) => {
    const text = texts.get(obj);
    if (text === undefined || mainPath === null || !text.includes(WORKER_BLOB_LOAD)) return originalCreate(obj);
    const workerPath = join(dir, 'worker.cjs');
    writeFileSync(workerPath, withCrashHandler(text.replace(WORKER_BLOB_LOAD, `importScripts(${JSON.stringify(mainPath)})`)));
    return workerPath;
  };
  const originalCpus = os.cpus;
  os.cpus = () => {
    const cpus = originalCpus();
    return cpus.length >= threads ? [...cpus, ...cpus] : Array.from({ length: 2 * threads }, (_, i) => cpus[i % cpus.length]);
  };
  globalThis.Blob = RecordingBlob;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  setThreadsCount(threads);
  return {
    restore() {
      os.cpus = originalCpus;
      globalThis.Blob = OriginalBlob;
      // URL.createObjectURL stays patched: Emscripten may start more workers later.
    },
  };
}

interface NodeWorkerLike { unref(): void; ref(): void }
interface PThreadPool { runningWorkers?: NodeWorkerLike[]; unusedWorkers?: NodeWorkerLike[] }

/**
 * Unref every pool worker of the running wasm backend, and keep them unref'd (a later
 * pthread start would `ref()` its worker again). Safe because the main thread waits for
 * its workers synchronously (Atomics.wait inside the kernels), never on the event loop.
 */
export function releaseWasmWorkers(): void {
  if (tf.getBackend() !== 'wasm') return;
  const backend = tf.backend() as unknown as { wasm?: { PThread?: PThreadPool } };
  const pool = backend.wasm?.PThread;
  if (pool === undefined) return;
  for (const worker of [...(pool.runningWorkers ?? []), ...(pool.unusedWorkers ?? [])]) {
    worker.unref();
    worker.ref = () => undefined;
  }
}
