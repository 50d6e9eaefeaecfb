/**
 * The webgpu GEMM kernels against the `cpu` backend, run in Deno on whatever WebGPU adapter
 * it finds (lavapipe, software Vulkan, on CI). Skips, saying why, without deno or an adapter.
 */
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONV_CASES, LRN_CASES } from '../../helpers/webgpu-kernels/cases.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const deno = `${root}node_modules/.bin/deno`;
const script = `${root}test/helpers/webgpu-kernels/check.deno.ts`;

// WHY 1e-4: the bound. Both sides sum float32 products in different orders
// (tiles and split-K vs a sequential loop); measured errors are ~1e-7..1e-6 (normwise).
const MAX_REL_ERROR = 1e-4;

interface CaseResult { Conv2DBackpropFilter: number; Conv2DBackpropInput: number; kernel: number; stride: number; pad: unknown }

interface CheckOutput { skip?: string; cases?: CaseResult[]; adapter?: string; failure?: string; fallback?: { relError: number; warnings: string[] }; lrn?: { shape: number[]; depthRadius: number; LRNGrad: number }[] }

function runCheck(): CheckOutput {
  if (!existsSync(deno)) return { skip: 'deno is not installed (npm ci installs the `deno` devDependency)' };
  const run = spawnSync(deno, ['run', '--unstable-webgpu', '--sloppy-imports', '-A', script], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240_000,
    // Deno's WebGPU wants a runtime dir; CI containers often have none.
    env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp', DENO_NO_UPDATE_CHECK: '1' },
  });
  const line = (run.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (line === undefined) return { failure: `deno exited ${run.status} (${run.signal ?? 'no signal'}) without a result:\n${run.stderr}` };
  return JSON.parse(line.slice('RESULT '.length));
}

const result = runCheck();
if (result.skip !== undefined) {
  t.test('webgpu kernel check', { skip: result.skip }, async () => {});
} else {
  t.test('the check ran', async (t) => {
    t.equal(result.failure, undefined, result.failure ?? 'deno ran every check');
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
