/** `wasm`: tfjs-backend-wasm (XNNPACK) with the project's conv gradient kernels. Always installed. */
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount, version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { RANK, type EngineDriver, type ProbeResult } from '../engine-types.js';
import { registerWasmConvKernels } from '../wasm-kernels/register.js';
import { registerWasmBatchMatMul } from '../wasm-kernels/batch-mat-mul.js';
import { switchTo } from './backend-switch.js';

function version(): string {
  return `tfjs-core ${tf.version_core}, tfjs-backend-wasm ${version_wasm}`;
}

async function device(): Promise<string> {
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = getThreadsCount();
  return `CPU (WebAssembly${simd ? ' SIMD' : ', no SIMD'}, ${threads} thread${threads === 1 ? '' : 's'})`;
}

async function probe(): Promise<ProbeResult> {
  const base = { rank: RANK.wasm, version: version() };
  if (typeof WebAssembly !== 'object') {
    return { ...base, usable: false, why: 'this JavaScript runtime has no WebAssembly', fix: 'use --engine cpu' };
  }
  // Initialising is the only way to know the binary loads here (and how many threads it got).
  if (!(await switchTo('wasm'))) {
    return { ...base, usable: false, why: 'the WebAssembly binary of tfjs-backend-wasm failed to load', fix: 'reinstall the project (npm ci) or use --engine cpu' };
  }
  return { ...base, usable: true, why: 'embedded; runs everywhere WebAssembly does', fix: '', device: await device() };
}

async function activate(): Promise<{ version: string; device: string }> {
  registerWasmConvKernels();
  registerWasmBatchMatMul();
  if (!(await switchTo('wasm'))) throw new Error('tfjs-backend-wasm failed to initialise');
  return { version: version(), device: await device() };
}

export const wasmDriver: EngineDriver = {
  name: 'wasm',
  // XNNPACK runs single-threaded here (tfjs turns wasm threads off under Node), so the
  // order of every float sum is fixed. SIMD and non-SIMD builds sum in different orders.
  bitExact: 'bit-exact run to run on the same machine (one thread; SIMD and non-SIMD CPUs may differ)',
  probe,
  activate,
};
