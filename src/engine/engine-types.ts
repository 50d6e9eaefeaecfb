/** The engine vocabulary shared by the registry, the probes and the doctor report. */

export type EngineName = 'wasm' | 'cpu' | 'webgpu' | 'tensorflow';

/** In the order `bench doctor` lists them. */
export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(['wasm', 'cpu', 'webgpu', 'tensorflow']);

export interface EngineStatus {
  name: EngineName;
  usable: boolean;
  /** e.g. 'tfjs-core 4.22.0, tfjs-backend-wasm 4.22.0' (absent when the package is missing) */
  version?: string;
  /** e.g. 'CPU (WebAssembly SIMD, 1 thread)' or the GPU adapter's description */
  device?: string;
  /** Why it is usable or not; for an unusable engine, what to do about it. */
  reason: string;
  /** relative speed rank, higher = faster */
  rank: number;
  /** What reproducibility to expect, e.g. 'bit-exact run to run on the same machine'. */
  bitExact: string;
}

export interface ActiveEngine {
  name: EngineName;
  version: string;
  device: string;
  /** e.g. 'auto picked wasm: webgpu not installed; tensorflow not installed' ('' when chosen by name) */
  note: string;
}

/**
 * Speed ranks, as measured on an H100 machine and on 2-core CPU machines: libtensorflow on
 * CUDA, then WebGPU, then libtensorflow on CPU (multi-threaded native), then wasm, then
 * plain JS.
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

/** One engine's driver: how to probe it and how to make it tfjs's active backend. */
export interface EngineDriver {
  name: EngineName;
  bitExact: string;
  probe(): Promise<ProbeResult>;
  /** Called only after a usable probe; sets the tfjs backend. Returns the device string. */
  activate(): Promise<{ version: string; device: string }>;
}
