import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { liveOwner, tryLock } from '../../src/train/lock.js';

const fast = { staleAfterMs: 2_000, heartbeatMs: 50 };

function fakeLock(path: string, owner: { pid: number; hostname: string }, ageMs = 0): void {
  mkdirSync(path, { recursive: true });
  writeFileSync(join(path, 'owner.json'), JSON.stringify({ ...owner, startedAtMs: 0, token: 'theirs' }));
  const then = new Date(Date.now() - ageMs);
  utimesSync(path, then, then);
}

t.test('one holder at a time; released locks can be taken again', async (t) => {
  const path = join(t.testdir({}), '.locks', 'abc.lock');
  const first = tryLock(path, fast);
  t.ok(first.acquired);
  const second = tryLock(path, fast);
  t.notOk(second.acquired, 'a held lock is not taken');
  if (!second.acquired) t.equal(second.owner?.pid, process.pid, 'and its owner is reported');
  t.equal(liveOwner(path, fast)?.pid, process.pid);
  if (first.acquired) first.lock.release();
  t.equal(liveOwner(path, fast), null, 'released');
  const third = tryLock(path, fast);
  t.ok(third.acquired);
  if (third.acquired) third.lock.release();
});

t.test('a crashed holder does not block forever', async (t) => {
  const dir = t.testdir({});
  // A pid that existed and is gone: a child that already exited.
  const deadPid = spawnSync(process.execPath, ['-e', '0']).pid as number;
  const dead = join(dir, 'dead.lock');
  fakeLock(dead, { pid: deadPid, hostname: hostname() });
  const a = tryLock(dead, fast);
  t.ok(a.acquired, 'dead pid on this host: stale at once');
  if (a.acquired) a.lock.release();
  const old = join(dir, 'old.lock');
  fakeLock(old, { pid: 1, hostname: 'another-host' }, 10_000);
  const b = tryLock(old, fast);
  t.ok(b.acquired, 'another host, heartbeat older than staleAfterMs: stale');
  if (b.acquired) b.lock.release();
  const fresh = join(dir, 'fresh.lock');
  fakeLock(fresh, { pid: 1, hostname: 'another-host' });
  t.notOk(tryLock(fresh, fast).acquired, 'another host with a fresh heartbeat: held');
});

t.test('the heartbeat keeps a held lock fresh', async (t) => {
  const path = join(t.testdir({}), 'beat.lock');
  const held = tryLock(path, fast);
  t.ok(held.acquired);
  const then = new Date(Date.now() - 60_000);
  utimesSync(path, then, then);
  // 10 heartbeat periods: ample for the worker thread to start and touch the folder.
  await new Promise((r) => setTimeout(r, 500));
  t.ok(Date.now() - statSync(path).mtimeMs < 1_000, 'mtime refreshed by the heartbeat thread');
  if (held.acquired) held.lock.release();
});
