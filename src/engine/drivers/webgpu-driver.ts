/**
 * `webgpu`: tfjs-backend-webgpu on Dawn (the `webgpu` npm package), both optional. Needs a
 * GPU adapter: Dawn finds none on machines without a Vulkan/Metal/D3D12 driver it accepts.
 *
 * Order matters: tfjs-backend-webgpu registers itself only if
 * navigator.gpu exists when it is evaluated, so Dawn's globals are installed first and
 * the backend is imported dynamically afterwards.
 */
import * as tf from '@tensorflow/tfjs-core';
import { RANK, type EngineDriver, type ProbeResult } from './driver-types.js';
import { importOptional } from '../optional-import.js';
import { activeBackendName, switchTo } from './backend-switch.js';
import { packageVersion } from './package-version.js';
import { registerWebgpuKernels } from '../webgpu-kernels/register.js';
import { findAdapter, type AdapterInfo } from './webgpu-adapter-probe.js';

const BACKEND_PKG = '@tensorflow/tfjs-backend-webgpu';
const INSTALL = `npm install webgpu ${BACKEND_PKG}@${tf.version_core}`;

/** Dawn's GPU instance (navigator.gpu); only tfjs asks it for adapters in this process. */
interface DawnModule { create(flags: string[]): object; globals: Record<string, unknown> }

let gpu: object | undefined;
let adapterDescription = '';

function unusable(why: string, fix = INSTALL): ProbeResult {
  return { usable: false, why, fix, rank: RANK.webgpu };
}

/** Install Dawn as navigator.gpu (again after dropDawn; the package itself loads once). */
async function installDawn(): Promise<string | null> {
  if (gpu !== undefined) return null;
  const dawn = await importOptional<DawnModule>('webgpu');
  if (!dawn.ok) return dawn.installed ? `the webgpu package failed to load: ${dawn.message}` : 'not installed';
  Object.assign(globalThis, dawn.module.globals);
  gpu = dawn.module.create([]);
  // Node 21+ defines a read-only navigator getter; defineProperty works on both.
  const nav = (globalThis as { navigator?: object }).navigator ?? {};
  Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true, writable: true });
  Object.defineProperty(globalThis, 'navigator', { value: nav, configurable: true, writable: true });
  return null;
}

/**
 * Forget Dawn's instance unless the webgpu backend is running on it. WHY: a live instance
 * keeps Node from exiting, and a probe (`bench doctor`, `--engine auto` choosing another
 * engine) must not leave one behind. activate() installs a fresh one.
 */
function dropDawn(): void {
  if (activeBackendName() === 'webgpu') return;
  const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
  if (nav?.gpu !== undefined) Object.defineProperty(nav, 'gpu', { value: undefined, configurable: true, writable: true });
  gpu = undefined;
}

function describe(info: AdapterInfo): string {
  const parts = [info.description, info.vendor, info.architecture, info.device].filter((p) => p);
  return `GPU (${parts.length > 0 ? parts.join(', ') : 'WebGPU adapter'}; Dawn)`;
}

async function probe(): Promise<ProbeResult> {
  try {
    return await probeDawn();
  } finally {
    dropDawn();
  }
}

async function probeDawn(): Promise<ProbeResult> {
  const dawnProblem = await installDawn();
  if (dawnProblem !== null) return unusable(dawnProblem);
  const backend = await importOptional(BACKEND_PKG);
  if (!backend.ok) return unusable(backend.installed ? `${BACKEND_PKG} failed to load: ${backend.message}` : `${BACKEND_PKG} not installed`);
  if (tf.findBackendFactory('webgpu') === null) {
    return unusable(`${BACKEND_PKG} was imported before navigator.gpu was set, so it never registered`, 'import nothing from it before the engine module runs');
  }
  // In a child process: this is where Dawn and the Vulkan loader talk to stderr.
  const search = await findAdapter(import.meta.resolve('webgpu'));
  if (!search.found) {
    const why = search.failure === undefined ? 'Dawn found no GPU adapter (no usable Vulkan, Metal or D3D12 device)' : `looking for a GPU adapter failed: ${search.failure}`;
    return unusable(why, 'install the GPU driver (Linux: a Vulkan driver, e.g. mesa-vulkan-drivers or NVIDIA\'s) or use --engine wasm');
  }
  adapterDescription = describe(search.info);
  const version = `tfjs-core ${tf.version_core}, ${BACKEND_PKG} ${packageVersion(BACKEND_PKG)}, webgpu ${packageVersion('webgpu')}`;
  return { usable: true, why: 'GPU adapter found', fix: '', rank: RANK.webgpu, version, device: adapterDescription };
}

async function activate(): Promise<{ version: string; device: string }> {
  const dawnProblem = await installDawn();
  if (dawnProblem !== null) throw new Error(dawnProblem);
  if (!(await switchTo('webgpu'))) throw new Error('tfjs-backend-webgpu failed to initialise on the adapter');
  // The project's GEMM conv gradients (src/engine/webgpu-kernels); stock shapes fall back.
  registerWebgpuKernels();
  return {
    version: `tfjs-core ${tf.version_core}, ${BACKEND_PKG} ${packageVersion(BACKEND_PKG)}, webgpu ${packageVersion('webgpu')}`,
    device: adapterDescription,
  };
}

/**
 * Drop Dawn so Node can exit: a live GPU instance keeps the event loop alive. Removes the
 * webgpu backend from tfjs (its tensors go with it; webgpu cannot be used again in this
 * process). For the end of a run.
 */
export function releaseWebgpu(): void {
  // engine.registry holds initialised backends only (tf.findBackend would initialise one).
  // removeBackend also unsets it when active.
  if ('webgpu' in tf.engine().registry) tf.removeBackend('webgpu');
  dropDawn();
}

export const webgpuDriver: EngineDriver<'webgpu'> = {
  name: 'webgpu',
  bitExact: 'not guaranteed: GPU float sums may run in a different order per driver; read tensors with await data()',
  memoryLimitBytes: null,
  probe,
  activate,
};
