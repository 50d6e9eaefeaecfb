/**
 * `tensorflow`: libtensorflow through @tensorflow/tfjs-node-gpu (CUDA) or
 * @tensorflow/tfjs-node (CPU), loaded only if the user installed one. Never a dependency of
 * the project: their install script downloads libtensorflow, which fails offline.
 *
 * Importing either package switches tfjs to its backend; probing runs inside
 * preservingBackend (engines.ts), which switches back.
 */
import * as tf from '@tensorflow/tfjs-core';
import { RANK, type EngineDriver, type ProbeResult } from './driver-types.js';
import { importOptional } from '../optional-import.js';
import { switchTo } from './backend-switch.js';
import { packageVersion } from './package-version.js';

interface Variant { pkg: string; gpu: boolean }

const VARIANTS: readonly Variant[] = [
  { pkg: '@tensorflow/tfjs-node-gpu', gpu: true },
  { pkg: '@tensorflow/tfjs-node', gpu: false },
];

const INSTALL = `npm install @tensorflow/tfjs-node@${tf.version_core} (CPU) or @tensorflow/tfjs-node-gpu@${tf.version_core}` +
  ' (CUDA 11.2 + cuDNN 8.1); their install downloads libtensorflow, so it needs network access';

let loaded: Variant | undefined;

function device(v: Variant): string {
  return v.gpu ? 'GPU (CUDA via libtensorflow; TensorFlow uses the CPU if it sees no GPU)' : 'CPU (libtensorflow, native threads)';
}

function version(v: Variant): string {
  return `tfjs-core ${tf.version_core}, ${v.pkg} ${packageVersion(v.pkg)}`;
}

async function probe(): Promise<ProbeResult> {
  const broken: string[] = [];
  for (const v of VARIANTS) {
    const mod = await importOptional(v.pkg);
    if (!mod.ok) {
      if (mod.installed) broken.push(`${v.pkg} is installed but failed to load: ${mod.message}`);
      continue;
    }
    if (tf.findBackendFactory('tensorflow') === null) {
      broken.push(`${v.pkg} loaded but registered no 'tensorflow' backend with this tfjs-core (${tf.version_core}); install the matching version`);
      continue;
    }
    loaded = v;
    const rank = v.gpu ? RANK.tensorflowGpu : RANK.tensorflowCpu;
    return { usable: true, why: `${v.pkg} loaded`, fix: '', rank, version: version(v), device: device(v) };
  }
  return broken.length > 0
    ? { usable: false, why: broken.join('; '), fix: 'reinstall it, or use --engine wasm', rank: RANK.tensorflowGpu }
    : { usable: false, why: 'not installed', fix: INSTALL, rank: RANK.tensorflowGpu };
}

async function activate(): Promise<{ version: string; device: string }> {
  if (loaded === undefined) throw new Error('the tensorflow engine was not probed');
  if (!(await switchTo('tensorflow'))) throw new Error('the tensorflow backend failed to initialise');
  return { version: version(loaded), device: device(loaded) };
}

export const tensorflowDriver: EngineDriver<'tensorflow'> = {
  name: 'tensorflow',
  bitExact: 'not guaranteed: multi-threaded Eigen / cuDNN kernels may change float sum order run to run',
  memoryLimitBytes: null,
  probe,
  activate,
};
