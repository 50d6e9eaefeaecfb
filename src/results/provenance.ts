/**
 * Where a result came from: code version, runtime, engine and data. Saved beside every
 * run so that a number can be traced and reproduced, and never part of the run id
 * (none of it may change the numbers on a deterministic engine except the engine itself,
 * which is in the id).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, platform, release, arch } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { PACKAGE_ROOT } from '../core/package-root.js';

export interface Provenance {
  git: { commit: string | null; dirty: boolean | null };
  packageVersion: string;
  node: string;
  tfjs: Record<string, string>;
  engine: { name: string; version: string; device: string };
  host: { platform: string; release: string; arch: string; cpu: string; cores: number };
  /**
   * The command as a user types it: "bench" and its arguments. The script's own path is left
   * out: it names a folder of the machine that ran it, and the commit already says which code ran.
   */
  commandLine: string[];
  dataFingerprint: string;
  /** Data files skipped as unreadable, relative to the data folder. */
  dataSkippedFiles: string[];
}


function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { cwd: PACKAGE_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The commit of the harness's own code, and whether its tracked files differ from it. */
export function gitState(): Provenance['git'] {
  const commit = git(['rev-parse', 'HEAD']);
  if (commit === null) return { commit: null, dirty: null };
  const status = git(['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: status === null ? null : status.length > 0 };
}

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  try {
    const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string };
    return pkg.version;
  } catch {
    return 'not installed';
  }
}

export function tfjsVersions(): Record<string, string> {
  const names = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-wasm'];
  return Object.fromEntries(names.map((n) => [n, packageVersion(n)]));
}

/** This process's command line in the user's terms: `bench <arguments>`. */
export function benchCommandLine(argv: readonly string[] = process.argv): string[] {
  return ['bench', ...argv.slice(2)];
}

export interface ProvenanceOptions {
  engine: Provenance['engine'];
  dataFingerprint: string;
  dataSkippedFiles: string[];
  commandLine?: string[];
}

export function collectProvenance({ engine, dataFingerprint, dataSkippedFiles, commandLine }: ProvenanceOptions): Provenance {
  const ownPackage = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };
  const cpuList = cpus();
  return {
    git: gitState(),
    packageVersion: ownPackage.version,
    node: process.version,
    tfjs: tfjsVersions(),
    engine,
    host: { platform: platform(), release: release(), arch: arch(), cpu: cpuList[0]?.model ?? 'unknown', cores: cpuList.length },
    commandLine: commandLine ?? benchCommandLine(),
    dataFingerprint,
    dataSkippedFiles,
  };
}
