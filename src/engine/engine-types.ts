/** The engine vocabulary shared by the registry and the doctor report. */
import type { EngineName } from './drivers/driver-table.js';

export type { EngineName } from './drivers/driver-table.js';

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
