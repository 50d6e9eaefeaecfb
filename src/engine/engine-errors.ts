/**
 * Turns an engine's low-level failure into a message a user can act on. tfjs-backend-wasm
 * aborts (Emscripten `abort()`, a WebAssembly RuntimeError "Aborted()") when a C++
 * allocation fails, and WebAssembly memory is capped at 4 GiB. Inside a kernel the heap
 * guard (drivers/wasm-heap-guard.ts) ends the process at the abort itself; an abort that
 * reaches this (while the backend starts) gets the same explanation.
 */
import { messages } from '../core/errors.js';

/** A clear message for an engine failure, or the error's own message when it is not known. */
export function explainEngineError(err: unknown, engine: string): string {
  const text = err instanceof Error ? err.message : String(err);
  if (engine === 'wasm' && /Aborted\(/.test(text)) return messages.wasmAborted();
  return text;
}
