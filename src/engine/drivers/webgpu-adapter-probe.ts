/**
 * Asks Dawn for a GPU adapter in a child Node process. WHY a child: looking for adapters
 * loads the system's Vulkan loader and drivers, and where they are missing or unusable
 * Dawn and the loader write warnings ("Couldn't load Vulkan: libvulkan.so.1 ...", with
 * source paths of Dawn's build machine) from native code straight to file descriptor 2,
 * which no JavaScript hook on process.stderr can catch. In a child that output is
 * captured and dropped: the probe's result says the same in the project's words. A driver
 * that crashes or hangs while being probed takes down the child, not the caller.
 */
import { execFile } from 'node:child_process';

export interface AdapterInfo { vendor?: string; architecture?: string; device?: string; description?: string }

export type AdapterSearch =
  | { found: true; info: AdapterInfo }
  /** `failure`: the child gave no answer (it crashed or hung); absent when Dawn simply found none. */
  | { found: false; failure?: string };

const MARK = 'ADAPTER ';

/** WHY generous: a software Vulkan driver answers in about a second; a GPU driver's first start can take a few. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** The child: request the default adapter, print its info (or null) on one line, exit (Dawn's instance would keep it alive). */
function childSource(webgpuUrl: string): string {
  return `
const { create } = await import(${JSON.stringify(webgpuUrl)});
const adapter = await create([]).requestAdapter();
const info = adapter === null ? null : (adapter.info ?? (await adapter.requestAdapterInfo?.()) ?? {});
const fields = info === null ? null : { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description };
process.stdout.write(${JSON.stringify(MARK)} + JSON.stringify(fields) + '\\n', () => process.exit(0));
`;
}

function whyNoAnswer(err: (Error & { code?: unknown; signal?: unknown; killed?: boolean }) | null, timeoutMs: number): string {
  if (err === null) return 'the probe process gave no answer';
  if (err.killed === true && err.signal === 'SIGTERM') return `the probe process did not answer within ${timeoutMs / 1000} s`;
  if (typeof err.signal === 'string') return `the probe process was killed by ${err.signal}`;
  if (typeof err.code === 'number') return `the probe process exited with code ${err.code}`;
  return err.message.split('\n')[0];
}

/** Look for Dawn's default adapter; `webgpuUrl` is the resolved URL of the `webgpu` package. */
export function findAdapter(webgpuUrl: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<AdapterSearch> {
  return new Promise((resolve) => {
    const args = ['--input-type=module', '-e', childSource(webgpuUrl)];
    execFile(process.execPath, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 1 << 20 }, (err, stdout) => {
      const line = stdout.split('\n').find((l) => l.startsWith(MARK));
      if (line === undefined) return resolve({ found: false, failure: whyNoAnswer(err, timeoutMs) });
      const info = JSON.parse(line.slice(MARK.length)) as AdapterInfo | null;
      resolve(info === null ? { found: false } : { found: true, info });
    });
  });
}
