/**
 * One lock per run, so that processes sharing a results folder (two terminals, shards of
 * a job array on a shared file system) never train the same run twice or write the same
 * file at once.
 *
 * A lock is a folder, <experiment>/.locks/<run-id>.lock, created with mkdir (atomic: one
 * creator wins, on local disks and NFS alike), holding owner.json (pid, host, start time,
 * a random token). A worker thread refreshes the folder's mtime every heartbeatMs, so the
 * heartbeat goes on while the main thread is busy in a long evaluation. A crashed owner
 * does not block the run forever: the lock is stale when its heartbeat is older than
 * staleAfterMs, or at once when its owner is on this host and its pid is gone.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { writeJsonAtomic } from '../core/atomic.js';
import { experimentDir } from '../results/layout.js';

export interface LockOwner {
  pid: number;
  hostname: string;
  startedAtMs: number;
  token: string;
}

export interface LockOptions {
  /** A lock whose heartbeat is older than this is stale. Keep it well above heartbeatMs and clock skew between hosts. */
  staleAfterMs: number;
  heartbeatMs: number;
}

export const DEFAULT_LOCK_OPTIONS: LockOptions = Object.freeze({ staleAfterMs: 120_000, heartbeatMs: 10_000 });

export interface RunLock {
  owner: LockOwner;
  release(): void;
}

export type LockAttempt = { acquired: true; lock: RunLock } | { acquired: false; owner: LockOwner | null };

const OWNER = 'owner.json';

export function lockPath(outDir: string, experiment: string, runId: string): string {
  return join(experimentDir(outDir, experiment), '.locks', `${runId}.lock`);
}

/** Takes the lock, breaking a stale one; or says who holds it. Never waits. */
export function tryLock(path: string, options: LockOptions = DEFAULT_LOCK_OPTIONS): LockAttempt {
  mkdirSync(dirname(path), { recursive: true });
  // Two rounds: after breaking a stale lock, another process may win the fresh one.
  for (let round = 0; round < 2; round++) {
    try {
      mkdirSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (!isStale(path, owner, options)) return { acquired: false, owner };
      breakStale(path, owner);
      continue;
    }
    return { acquired: true, lock: hold(path, options) };
  }
  return { acquired: false, owner: readOwner(path) };
}

/** Who holds the lock at `path` if it is held and not stale; null otherwise. */
export function liveOwner(path: string, options: LockOptions = DEFAULT_LOCK_OPTIONS): LockOwner | null {
  let owner: LockOwner | null;
  try {
    statSync(path);
    owner = readOwner(path);
  } catch {
    return null;
  }
  return isStale(path, owner, options) ? null : owner ?? { pid: 0, hostname: 'unknown', startedAtMs: 0, token: '' };
}

function hold(path: string, options: LockOptions): RunLock {
  const owner: LockOwner = { pid: process.pid, hostname: hostname(), startedAtMs: Date.now(), token: randomBytes(8).toString('hex') };
  writeJsonAtomic(join(path, OWNER), owner);
  const heartbeat = new Worker(HEARTBEAT, { eval: true, workerData: { path, intervalMs: options.heartbeatMs } });
  heartbeat.unref();
  let released = false;
  return {
    owner,
    release() {
      if (released) return;
      released = true;
      void heartbeat.terminate();
      // Only our own lock: if it was broken as stale and taken over, it is not ours to remove.
      if (readOwner(path)?.token === owner.token) rmSync(path, { recursive: true, force: true });
      // An empty .locks folder is not left behind in the results (other processes may still hold locks in it).
      try {
        rmdirSync(dirname(path));
      } catch {
        // not empty, or gone
      }
    },
  };
}

/** The heartbeat thread: touches the lock folder; plain JavaScript, so it runs from source and from dist alike. */
const HEARTBEAT = `
const { workerData } = require('node:worker_threads');
const { utimesSync } = require('node:fs');
setInterval(() => {
  try { const now = new Date(); utimesSync(workerData.path, now, now); } catch {}
}, workerData.intervalMs);
`;

function readOwner(path: string): LockOwner | null {
  try {
    return JSON.parse(readFileSync(join(path, OWNER), 'utf8')) as LockOwner;
  } catch {
    // Not written yet (the owner is between mkdir and its write) or removed meanwhile.
    return null;
  }
}

function isStale(path: string, owner: LockOwner | null, options: LockOptions): boolean {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return true;
  }
  if (Date.now() - mtimeMs > options.staleAfterMs) return true;
  return owner !== null && owner.hostname === hostname() && !pidAlive(owner.pid);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside (rename is atomic, so one process does it), then checks that
 * what it moved is the lock it judged stale: if another process had meanwhile replaced it
 * with a fresh lock, that one is put back.
 */
function breakStale(path: string, judged: LockOwner | null): void {
  const grave = `${path}.stale-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, grave);
  } catch {
    return; // gone already: someone else broke it
  }
  const moved = readOwner(grave);
  if (moved !== null && moved.token !== judged?.token) {
    try {
      renameSync(grave, path);
      return;
    } catch {
      // A third process took the lock meanwhile; the moved lock's owner loses it (see docs).
    }
  }
  rmSync(grave, { recursive: true, force: true });
}

/** "pid 123 on host-a since 2026-11-28T07:00:00.000Z" */
export function describeOwner(owner: LockOwner | null): string {
  if (!owner || owner.pid === 0) return 'another process (starting)';
  return `pid ${owner.pid} on ${owner.hostname} since ${new Date(owner.startedAtMs).toISOString()}`;
}
