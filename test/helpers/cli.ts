/**
 * Test helper: the `bench` CLI in a child process, as a user runs it, for exit codes,
 * messages and signals. It runs src/cli/main.ts through tsx, so a test needs no build and
 * can never run a stale dist/.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NODE_ARGS = ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts')];

/** A cold start plus a tiny training run on a loaded 2-core machine takes well under this. */
const DEFAULT_TIMEOUT_MS = 240_000;

export interface BenchOptions {
  /** Working directory (relative paths in the arguments resolve against it); default: the repository root. */
  cwd?: string;
  /** The child is killed after this long (its code is then null). */
  timeoutMs?: number;
  /** Environment variables added to this process's (e.g. BENCH_WASM_THREADS). */
  env?: Record<string, string>;
}

export interface BenchResult {
  code: number | null;
  /** The signal that ended it (the timeout's SIGTERM), or null. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `bench ...args` to the end. */
export function bench(args: readonly string[], opts: BenchOptions = {}): BenchResult {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: opts.cwd ?? REPO_ROOT, encoding: 'utf8', timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS, env: { ...process.env, ...opts.env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

export interface StartedBench {
  /** The running CLI, to signal or to watch its stderr. */
  child: ChildProcessWithoutNullStreams;
  /** Settles when it exits, with everything it wrote to stderr. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `bench ...args` without waiting, for tests that interrupt or kill it. */
export function startBench(args: readonly string[], opts: Pick<BenchOptions, 'cwd'> = {}): StartedBench {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: opts.cwd ?? REPO_ROOT });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}
