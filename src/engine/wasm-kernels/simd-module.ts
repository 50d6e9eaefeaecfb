/**
 * One instance of a hand-written WebAssembly module (a .wat file assembled by `npm run
 * wasm`), with its own memory that the kernel copies its inputs into and its outputs out
 * of. WHY its own memory: the module cannot import tfjs's heap (the threaded build does not
 * expose its Memory object), and the copies are plain memory moves, a small share of the
 * kernels that use this.
 */
const PAGE_BYTES = 65536;

export interface SimdModule<Exports> {
  exports: Exports;
  /** The module's memory as floats, at least `bytes` long (grown when needed). */
  floats(bytes: number): Float32Array;
}

/**
 * A loader for the module: compiled on first use (a few KiB, well under a millisecond),
 * synchronously, as kernels are. null where the runtime cannot compile it (no WebAssembly
 * SIMD): the kernel then takes its other path (the JS loop, or the stock kernel).
 */
export function simdModule<Exports>(base64: string): () => SimdModule<Exports> | null {
  let loaded: SimdModule<Exports> | null | undefined;
  return () => {
    if (loaded === undefined) {
      const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
      if (!WebAssembly.validate(bytes)) return (loaded = null);
      const module = new WebAssembly.Module(bytes);
      const exports = new WebAssembly.Instance(module, {}).exports as unknown as Exports & { memory: WebAssembly.Memory };
      loaded = {
        exports,
        floats(bytes) {
          const have = exports.memory.buffer.byteLength;
          if (bytes > have) exports.memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
          return new Float32Array(exports.memory.buffer);
        },
      };
    }
    return loaded;
  };
}
