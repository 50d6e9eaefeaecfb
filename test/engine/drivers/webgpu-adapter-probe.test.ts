/**
 * Looking for a GPU adapter happens in a child process, so that what Dawn and the Vulkan
 * loader write to stderr from native code never reaches the user: first findAdapter on
 * stand-in `webgpu` modules (no GPU needed), then `bench doctor` and a tiny `bench run`
 * (engine auto) on machines simulated without Vulkan. These spawn the built CLI
 * (dist/cli/main.js: `npm run build` first), which starts in half the time tsx takes.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findAdapter } from '../../../src/engine/drivers/webgpu-adapter-probe.js';
import { importOptional } from '../../../src/engine/optional-import.js';
import { tinyExperiment, writeExperiment } from '../../helpers/experiments.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const main = join(root, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'webgpu-probe-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the `webgpu` package whose instance's requestAdapter runs `body`. */
function fakeWebgpu(name: string, body: string): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `import { writeSync } from 'node:fs';\nexport function create() { return { async requestAdapter() { ${body} } }; }\n`);
  return pathToFileURL(path).href;
}

t.test('findAdapter: no adapter, whatever the child wrote to fd 2', async (t) => {
  const url = fakeWebgpu('none', "writeSync(2, 'Warning: Couldn\\'t load Vulkan\\n'); return null;");
  t.same(await findAdapter(url), { found: false });
});

t.test('findAdapter: an adapter, with its info from either API', async (t) => {
  const info = { vendor: 'v', architecture: 'a', device: 'd', description: 'desc' };
  t.same(await findAdapter(fakeWebgpu('info', `return { info: ${JSON.stringify(info)} };`)), { found: true, info });
  const legacy = fakeWebgpu('legacy', `return { requestAdapterInfo: async () => (${JSON.stringify(info)}) };`);
  t.same(await findAdapter(legacy), { found: true, info });
});

t.test('findAdapter: a child that crashes or hangs is a failure, not a crash of the caller', async (t) => {
  t.same(await findAdapter(fakeWebgpu('crash', "process.kill(process.pid, 'SIGKILL');")), { found: false, failure: 'the probe process was killed by SIGKILL' });
  t.same(await findAdapter(fakeWebgpu('exit', 'process.exit(3);')), { found: false, failure: 'the probe process exited with code 3' });
  // 1 s: the stand-in never answers; the default (30 s) is for real drivers.
  t.same(await findAdapter(fakeWebgpu('hang', 'await new Promise(() => setInterval(() => {}, 1000));'), 1000), { found: false, failure: 'the probe process did not answer within 1 s' });
});

/** Lines only Dawn or the Vulkan loader write (the project says "Vulkan" only on stdout). */
const LOADER_NOISE = /Couldn't load Vulkan|vkCreateInstance|third_party\/dawn|BackendVk|^Warning: |XDG_RUNTIME_DIR/m;

/** Machines without Vulkan, simulated: an unloadable libvulkan.so.1 first on the library path; no Vulkan driver. */
function machines(): Record<string, NodeJS.ProcessEnv> {
  const broken = join(dir, 'broken-vulkan');
  mkdirSync(broken, { recursive: true });
  writeFileSync(join(broken, 'libvulkan.so.1'), '');
  return {
    'as it is': {},
    'no loadable Vulkan loader': { LD_LIBRARY_PATH: broken },
    'a Vulkan loader but no driver': { VK_ICD_FILENAMES: join(dir, 'none.json'), VK_DRIVER_FILES: join(dir, 'none.json') },
  };
}

interface Outcome { status: number | string; stdout: string; stderr: string }

/**
 * The CLI as a user runs it, started at once (the runs below overlap, where cores allow).
 * WHY without NODE_OPTIONS and tap's _TAPJS_* variables: they make every child process
 * record coverage, which triples the time of these runs.
 */
function bench(args: string[], env: NodeJS.ProcessEnv): Promise<Outcome> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('_TAPJS_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [main, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, env: { ...base, ...env } }, (err, stdout, stderr) => {
      resolve({ status: err === null ? 0 : (err.code ?? err.signal ?? 'failed'), stdout, stderr });
    });
  });
}

/** Why the CLI checks cannot run here, or false when they can. */
async function cliSkipReason(): Promise<string | false> {
  if (process.platform !== 'linux') return 'the simulation (LD_LIBRARY_PATH, VK_* variables) is Linux-only';
  const dawn = await importOptional('webgpu');
  if (!dawn.ok) return `the webgpu package (Dawn) is not installed: ${dawn.message}`;
  return false;
}

const skip = await cliSkipReason();
if (skip === false && !existsSync(main)) t.fail(`${main} is missing; run npm run build`);
const env = machines();
const started = skip === false ? {
  doctors: new Map(Object.entries(env).map(([machine, vars]) => [machine, bench(['doctor'], vars)])),
  run: bench(['run', writeExperiment(dir, 'tiny.json', tinyExperiment({ training: { ...(tinyExperiment().training as object), epochs: 1 } })), '--out', join(dir, 'results')], env['no loadable Vulkan loader']),
} : undefined;

for (const machine of Object.keys(env)) {
  t.test(`bench doctor, ${machine}: Dawn's and Vulkan's own lines stay out of stderr`, { skip }, async (t) => {
    const r = await started!.doctors.get(machine)!;
    t.equal(r.status, 0, r.stderr);
    t.equal(r.stderr, '', 'doctor writes nothing to stderr');
    t.match(r.stdout, /^webgpu: (Dawn found no GPU adapter|GPU adapter found)/m, 'the probe result, in the project\'s words');
    if (machine !== 'as it is') t.match(r.stdout, /^webgpu: Dawn found no GPU adapter \(no usable Vulkan, Metal or D3D12 device\); install the GPU driver/m);
  });
}

t.test('bench run (engine auto) without a loadable Vulkan: no loader noise, and says why webgpu was passed over', { skip }, async (t) => {
  const r = await started!.run;
  t.equal(r.status, 0, r.stderr);
  t.notMatch(r.stderr, LOADER_NOISE);
  t.match(r.stderr, /engine: wasm .*auto picked wasm: .*webgpu Dawn found no GPU adapter/);
});
