/**
 * Makes an exhausted wasm heap end the run with exit code 1 and a message, whatever the
 * thread count, instead of a spinning process or wrong numbers.
 *
 * WHAT HAPPENED WITHOUT IT (measured with tfjs-backend-wasm 4.22, the paper net at 227 px
 * and batch 256, BENCH_WASM_THREADS 1 and 2): the backend allocates every tensor with the
 * module's `_malloc` and never checks the result (backend_wasm.js `move`). Once the 4 GiB
 * heap cannot grow, malloc returns 0 and the kernel writes its output from address 0
 * onwards, over Emscripten's static data, the stack, the allocator's and the thread pool's
 * state. What followed was chance: with one thread a later C++ call tripped over the damage
 * and abort()ed; with two threads the main thread spun at 100% CPU inside wasm forever. No
 * pool thread had died: they all slept, and nothing was printed. Allocations XNNPACK makes
 * in C++ (indirection buffers, packed filters) fail differently: XNNPACK returns
 * xnn_status_out_of_memory (6), tfjs only prints "XNN status for ... is not successful. Got
 * status 6" and goes on, and the kernel returns garbage or traps ("memory access out of
 * bounds"); after such a trap the next call into the module could hang, even single-threaded.
 *
 * Three guards, installed when the module is created (the first initialisation):
 *  - guardAllocations() wraps the module's `_malloc`, the JS entry the backend calls for
 *    every tensor: a failed allocation, or an XNNPACK out-of-memory status seen since the
 *    last one, throws a RunError before anything is written. Every kernel allocates its
 *    output before it computes, so XNNPACK's garbage is never read by a later kernel; JS
 *    unwinds normally (tfjs ends its scopes in finally blocks), the run is recorded as
 *    failed and the CLI exits 1.
 *  - watchWasmModule() wraps the module's `fd_write` import to notice that XNNPACK status in
 *    tfjs's warning (the only sign C++ gives of a failed allocation: sbrk refuses it
 *    without calling back into JS).
 *  - watchWasmModule() also wraps every function the module exports: a WebAssembly
 *    RuntimeError (a trap, or Emscripten's abort()) leaves the module's state undefined, and
 *    any later call into it (disposing a tensor in a finally block) may never return. So the
 *    process prints the message and exits 1 right there, while the main thread still runs
 *    JS. Nothing but the trap reaches this: out-of-memory is caught earlier, above.
 */
import { writeSync } from 'node:fs';
import { RunError, messages } from '../../core/errors.js';

/** XNNPACK's xnn_status_out_of_memory, in tfjs's warning "XNN status for <op> is not successful. Got status 6". */
const XNN_OUT_OF_MEMORY = /XNN status for \S+ is not successful\. Got status 6\b/;
/** Above this share of the heap limit, a trap is taken for out-of-memory in the message. */
const NEAR_LIMIT = 0.9;

let xnnOutOfMemory = false;
let memory: WebAssembly.Memory | null = null;

interface ModuleImports { env?: Record<string, unknown> }
type FdWrite = (fd: number, iov: number, iovcnt: number, pnum: number) => number;

/** The text of an fd_write call: iovcnt (pointer, length) pairs at iov. */
function writtenText(iov: number, iovcnt: number): string {
  if (memory === null) return '';
  const words = new Uint32Array(memory.buffer);
  const bytes = new Uint8Array(memory.buffer);
  let text = '';
  for (let i = 0; i < iovcnt; i++) {
    const at = (iov >>> 2) + 2 * i;
    text += Buffer.from(bytes.slice(words[at], words[at] + words[at + 1])).toString('latin1');
  }
  return text;
}

function watchOutput(env: Record<string, unknown>): void {
  const fdWrite = env.fd_write as FdWrite | undefined;
  if (typeof fdWrite !== 'function') return;
  env.fd_write = (fd: number, iov: number, iovcnt: number, pnum: number) => {
    if (XNN_OUT_OF_MEMORY.test(writtenText(iov, iovcnt))) xnnOutOfMemory = true;
    return fdWrite(fd, iov, iovcnt, pnum);
  };
}

/** Ends the process on a trap (see the module comment); other errors pass. */
function failFast(err: unknown, limitBytes: number): void {
  if (!(err instanceof WebAssembly.RuntimeError)) return;
  const heapBytes = memory?.buffer.byteLength ?? 0;
  const message = xnnOutOfMemory || heapBytes >= NEAR_LIMIT * limitBytes ? messages.wasmOutOfMemory() : messages.wasmFailed(err.message);
  writeSync(2, `${message}\n`);
  process.exit(1);
}

function guardedExports(exports: WebAssembly.Exports, limitBytes: number): WebAssembly.Exports {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(exports)) {
    if (value instanceof WebAssembly.Memory) memory ??= value;
    if (typeof value !== 'function') {
      out[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    out[name] = (...args: unknown[]) => {
      try {
        return fn(...args);
      } catch (err) {
        failFast(err, limitBytes);
        throw err;
      }
    };
  }
  return out as WebAssembly.Exports;
}

/**
 * Wraps WebAssembly.instantiate until restore(), so that the wasm backend's module gets the
 * watched `fd_write` and guarded exports. Call before the backend first initialises (the
 * three builds instantiate through it); a module instantiated meanwhile by anything else
 * gets the same guards, which change nothing while it does not trap.
 */
export function watchWasmModule(limitBytes: number): { restore(): void } {
  type Instantiate = (source: unknown, imports?: ModuleImports) => Promise<WebAssembly.WebAssemblyInstantiatedSource | WebAssembly.Instance>;
  const original = WebAssembly.instantiate as Instantiate;
  const guard = (instance: WebAssembly.Instance): WebAssembly.Instance =>
    Object.create(instance, { exports: { value: guardedExports(instance.exports, limitBytes) } }) as WebAssembly.Instance;
  const patched = async (source: unknown, imports?: ModuleImports) => {
    const env = imports?.env;
    if (env !== undefined) {
      memory = Object.values(env).find((v): v is WebAssembly.Memory => v instanceof WebAssembly.Memory) ?? null;
      watchOutput(env);
    }
    const result = await original(source, imports);
    // From bytes: { instance, module }; from a compiled module: the instance alone.
    return result instanceof WebAssembly.Instance ? guard(result) : { module: result.module, instance: guard(result.instance) };
  };
  WebAssembly.instantiate = patched as typeof WebAssembly.instantiate;
  return {
    restore() {
      WebAssembly.instantiate = original as typeof WebAssembly.instantiate;
    },
  };
}

interface WasmModule {
  _malloc(bytes: number): number;
  _free(address: number): void;
}

const guarded = new WeakSet<object>();

/** Wrap `module._malloc` (see the module comment). Idempotent. */
export function guardAllocations(module: WasmModule): void {
  if (guarded.has(module)) return;
  guarded.add(module);
  // Emscripten binds _malloc lazily: its first call replaces the property with the raw
  // export, which would drop a wrapper installed before it. One call binds it.
  module._free(module._malloc(8));
  const malloc = module._malloc.bind(module);
  module._malloc = (bytes: number) => {
    const address = malloc(bytes);
    if (xnnOutOfMemory || (address === 0 && bytes > 0)) {
      xnnOutOfMemory = false;
      if (address !== 0) module._free(address);
      throw new RunError(messages.wasmOutOfMemory());
    }
    return address;
  };
}
