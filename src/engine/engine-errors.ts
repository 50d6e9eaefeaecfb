/**
 * Turns an engine's low-level failure into a message a user can act on. The one case
 * known so far: tfjs-backend-wasm aborts (Emscripten `abort()`, a WebAssembly
 * RuntimeError "Aborted()") when its heap cannot grow, and WebAssembly memory is capped at
 * 4 GiB. The paper net at 227 px needs about 3 GiB of heap at batch 64 and more than 4 GiB
 * at batch 128 (docs/PERFORMANCE.md), so this is what a too-large batch looks like.
 */
import { messages } from '../core/errors.js';

/** A clear message for an engine failure, or the error's own message when it is not known. */
export function explainEngineError(err: unknown, engine: string): string {
  const text = err instanceof Error ? err.message : String(err);
  if (engine === 'wasm' && /Aborted\(/.test(text)) return messages.wasmAborted();
  return text;
}
