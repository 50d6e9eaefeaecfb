/**
 * The webgpu GEMM kernels against the `cpu` backend, run in Deno on whatever WebGPU adapter
 * it finds (lavapipe, software Vulkan, on CI). Skips, saying why, without deno, without
 * Debian's mesa-vulkan-drivers on Linux, or when Deno finds no adapter.
 */
import t from 'tap';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONV_CASES, LRN_CASES } from '../../helpers/webgpu-kernels/cases.js';
import { packageReason, skipWithout } from '../../helpers/optional-packages.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const deno = `${root}node_modules/.bin/deno`;
const script = `${root}test/helpers/webgpu-kernels/check.deno.ts`;

// WHY 1e-4: the bound. Both sides sum float32 products in different orders
// (tiles and split-K vs a sequential loop); measured errors are ~1e-7..1e-6 (normwise).
const MAX_REL_ERROR = 1e-4;

// WHY 30 s: Deno starts and gets lavapipe's adapter in under 1 s, a few s on a loaded
// 2-core machine; a search that has not answered in 30 s never will (a hang, not a slow
// driver), and waiting longer only delays the skip.
const ADAPTER_WAIT_MS = 30_000;

// WHY 120 s: the whole check takes about 7 s on lavapipe alone on 2 cores, about 3 times
// that beside other test files; past 120 s the kernels hang (as on Mesa's GL fallback).
const CHECK_WAIT_MS = 120_000;

interface CaseResult { Conv2DBackpropFilter: number; Conv2DBackpropInput: number; kernel: number; stride: number; pad: unknown }

interface CheckOutput { skip?: string; cases?: CaseResult[]; adapter?: string; failure?: string; fallback?: { relError: number; warnings: string[] }; lrn?: { shape: number[]; depthRadius: number; LRNGrad: number }[] }

/** The check in Deno, killed at the first bound it misses: no adapter in time is a skip, no result in time a failure. */
function runDeno(): Promise<CheckOutput> {
  const child = spawn(deno, ['run', '--unstable-webgpu', '--sloppy-imports', '-A', script], {
    cwd: root,
    env: {
      ...process.env,
      // Deno's WebGPU wants a runtime dir; CI containers often have none.
      XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp',
      DENO_NO_UPDATE_CHECK: '1',
      // WHY Vulkan only on Linux: without a Vulkan driver Deno would pick Mesa's GL
      // (llvmpipe), on which the check spins for minutes; on Vulkan it finds no adapter and says so.
      ...(process.platform === 'linux' ? { DENO_WEBGPU_BACKEND: 'vulkan' } : {}),
    },
  });
  let stdout = '';
  let stderr = '';
  let adapterFound = false;
  return new Promise((resolve) => {
    const stop = (output: CheckOutput) => {
      clearTimeout(adapterTimer);
      clearTimeout(checkTimer);
      child.kill('SIGKILL');
      // WHY also close the pipes: a process the child started could hold them open and keep this file alive.
      child.stdout.destroy();
      child.stderr.destroy();
      resolve(output);
    };
    const adapterTimer = setTimeout(() => stop({ skip: packageReason('mesa-vulkan-drivers', `Deno found no WebGPU adapter within ${ADAPTER_WAIT_MS / 1000} s`) }), ADAPTER_WAIT_MS);
    const checkTimer = setTimeout(() => stop({ failure: `the check gave no result within ${CHECK_WAIT_MS / 1000} s of starting:\n${stderr}` }), CHECK_WAIT_MS);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!adapterFound && /^ADAPTER$/m.test(stdout)) {
        adapterFound = true;
        clearTimeout(adapterTimer);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', (err) => stop({ failure: `cannot start ${deno}: ${err.message}` }));
    child.on('close', (code, signal) => {
      const line = stdout.split('\n').find((l) => l.startsWith('RESULT '));
      if (line === undefined) return stop({ failure: `deno exited ${code} (${signal ?? 'no signal'}) without a result:\n${stderr}` });
      const output = JSON.parse(line.slice('RESULT '.length)) as CheckOutput;
      // No adapter although the driver is installed: still the package the check needs, so say which.
      stop(output.skip === undefined ? output : { skip: packageReason('mesa-vulkan-drivers', output.skip) });
    });
  });
}

async function runCheck(): Promise<CheckOutput> {
  if (!existsSync(deno)) return { skip: 'deno is not installed (npm ci installs the `deno` devDependency)' };
  // WHY before spawning: without the driver there is nothing to wait for.
  const skip = skipWithout('mesa-vulkan-drivers');
  if (skip !== false) return { skip };
  return runDeno();
}

const result = await runCheck();
if (result.skip !== undefined) {
  t.test('webgpu kernel check', { skip: result.skip }, () => {});
} else {
  t.test('the check ran', async (t) => {
    t.equal(result.failure, undefined, result.failure ?? 'deno ran the check');
    t.equal(result.cases?.length, CONV_CASES.length, `every case ran on ${result.adapter}`);
  });
  t.test('a shape the GEMM kernels cannot take (NCHW) goes to the stock kernel, with one warning', async (t) => {
    t.ok((result.fallback?.relError ?? Infinity) < MAX_REL_ERROR, `rel error ${result.fallback?.relError}`);
    t.equal(result.fallback?.warnings.length, 1, 'warned once for two calls');
    t.match(result.fallback?.warnings[0] ?? '', /^webgpu Conv2DBackpropFilter: .*stock.*channelsFirst/);
  });
  t.test('LRNGrad', async (t) => {
    t.equal(result.lrn?.length, LRN_CASES.length, 'every LRN case ran');
    for (const c of result.lrn ?? []) t.ok(c.LRNGrad < MAX_REL_ERROR, `shape ${c.shape}, radius ${c.depthRadius}: rel error ${c.LRNGrad}`);
  });
  for (const c of result.cases ?? []) {
    t.test(`kernel ${c.kernel}, stride ${c.stride}, pad ${JSON.stringify(c.pad)}`, async (t) => {
      t.ok(c.Conv2DBackpropFilter < MAX_REL_ERROR, `Conv2DBackpropFilter rel error ${c.Conv2DBackpropFilter}`);
      t.ok(c.Conv2DBackpropInput < MAX_REL_ERROR, `Conv2DBackpropInput rel error ${c.Conv2DBackpropInput}`);
    });
  }
}
