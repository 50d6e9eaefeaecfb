/**
 * Crash-safe file writes. A result file is either absent or complete: write to a temporary
 * file in the same folder, fsync it, rename over the target (atomic on POSIX), fsync the
 * folder. The event log is append-only: each event is one write of one whole line.
 */
import { closeSync, fstatSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  // A random suffix keeps concurrent writers apart; it never reaches the final name.
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    unlinkSync(tmp);
    throw err;
  }
  closeSync(fd);
  renameSync(tmp, path);
  fsyncDir(dir);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on folders; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An append-only line log: one write(2) per line on an O_APPEND descriptor. */
export class LineLog {
  private fd: number;
  constructor(readonly path: string) {
    this.fd = openSync(path, 'a');
  }
  append(line: string): void {
    writeSync(this.fd, `${line}\n`);
  }
  /** Bytes in the log (checkpoints record it; a resume truncates the log back to it). */
  size(): number {
    return fstatSync(this.fd).size;
  }
  /** Flushes to disk (at epoch ends and run end, not per line: fsync costs milliseconds). */
  sync(): void {
    fsyncSync(this.fd);
  }
  close(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }
}
