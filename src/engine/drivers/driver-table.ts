/**
 * Every engine, as its driver, in the order `bench doctor` lists them. The one declaration
 * of the engines: their names, the CLI's --engine choices and the doctor order derive
 * from this table.
 *
 *   wasm        tfjs-backend-wasm + the project's kernels (embedded default)
 *   cpu         tfjs-backend-cpu, plain JS (slow reference)
 *   webgpu      tfjs-backend-webgpu on Dawn (optional packages + a GPU adapter)
 *   tensorflow  libtensorflow via tfjs-node(-gpu) (optional, user-installed)
 */
import { cpuDriver } from './cpu-driver.js';
import { tensorflowDriver } from './tensorflow-driver.js';
import { wasmDriver } from './wasm-driver.js';
import { webgpuDriver } from './webgpu-driver.js';

export const DRIVERS = Object.freeze([wasmDriver, cpuDriver, webgpuDriver, tensorflowDriver] as const);

export type EngineName = (typeof DRIVERS)[number]['name'];

export const ENGINE_NAMES: readonly EngineName[] = Object.freeze(DRIVERS.map((d) => d.name));
