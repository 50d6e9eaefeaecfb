/** What an engine driver is and what its probe learns (the vocabulary the drivers share). */

/**
 * Speed ranks, as measured on an H100 machine and on 2-core CPU machines (docs/PERFORMANCE.md):
 * libtensorflow on CUDA, then WebGPU, then libtensorflow on CPU (multi-threaded native),
 * then wasm, then plain JS.
 */
export const RANK = Object.freeze({ tensorflowGpu: 5, webgpu: 4, tensorflowCpu: 3, wasm: 2, cpu: 1 });

/** What a probe learns; `fix` is empty for a usable engine. */
export interface ProbeResult {
  usable: boolean;
  why: string;
  fix: string;
  version?: string;
  device?: string;
  rank: number;
}

/**
 * One engine's driver: how to probe it and how to make it tfjs's active backend. `N` is its
 * name as a literal type: the engine names are derived from the driver table (driver-table.ts).
 */
export interface EngineDriver<N extends string = string> {
  name: N;
  bitExact: string;
  /**
   * The most memory one training process can hold on this engine, in bytes, where the
   * engine itself fixes it (wasm: its heap); null where no limit is known before the run
   * (a GPU's memory, the machine's RAM). A run estimated to need more is refused before it
   * starts (src/train/memory-preflight.ts).
   */
  memoryLimitBytes: number | null;
  probe(): Promise<ProbeResult>;
  /** Called only after a usable probe; sets the tfjs backend. Returns the device string. */
  activate(): Promise<{ version: string; device: string }>;
}
