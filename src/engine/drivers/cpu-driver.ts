/** `cpu`: tfjs-backend-cpu, plain JavaScript. Slow; the reference for kernel correctness. */
import * as tf from '@tensorflow/tfjs-core';
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { RANK, type EngineDriver, type ProbeResult } from './driver-types.js';
import { switchTo } from './backend-switch.js';

const DEVICE = 'CPU (plain JavaScript, 1 thread)';

function version(): string {
  return `tfjs-core ${tf.version_core}, tfjs-backend-cpu ${version_cpu}`;
}

/**
 * The cpu backend prints a multi-line "install tfjs-node" banner on its first tensor. The
 * harness already says which engines exist (`bench doctor`), and the banner would land in
 * the middle of its progress output.
 */
function silenceBanner(): void {
  const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend !== null) backend.firstUse = false;
}

async function probe(): Promise<ProbeResult> {
  const usable = await switchTo('cpu');
  silenceBanner();
  return usable
    ? { usable, rank: RANK.cpu, version: version(), device: DEVICE, why: 'embedded; the slow plain-JavaScript reference', fix: '' }
    : { usable, rank: RANK.cpu, version: version(), why: 'tfjs-backend-cpu failed to initialise', fix: 'reinstall the project (npm ci)' };
}

async function activate(): Promise<{ version: string; device: string }> {
  if (!(await switchTo('cpu'))) throw new Error('tfjs-backend-cpu failed to initialise');
  silenceBanner();
  return { version: version(), device: DEVICE };
}

export const cpuDriver: EngineDriver<'cpu'> = {
  name: 'cpu',
  bitExact: 'bit-exact run to run (plain JS float32, fixed order); across machines with the same Node version',
  memoryLimitBytes: null,
  probe,
  activate,
};
