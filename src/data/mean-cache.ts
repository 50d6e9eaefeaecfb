/**
 * The training set's per-pixel mean image (paper section 2), computed once per data set and
 * kept in the cache folder under the data set's fingerprint: the fingerprint covers every
 * byte read and the selection (limits), so a changed file or limit is a new entry, never a
 * stale mean. A file of the wrong size is recomputed, not trusted; writes are atomic.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanImage, type ImageSplit } from './dataset.js';

export interface MeanCacheOptions {
  /** Cache folder; absent: compute every time. */
  cacheDir?: string;
  /** The data set's fingerprint (fingerprint.ts). */
  fingerprint: string;
  split: ImageSplit;
  pixelsPerImage: number;
}

export function meanCachePath(cacheDir: string, fingerprint: string, pixelsPerImage: number): string {
  const key = createHash('sha256').update(`${fingerprint}\n${pixelsPerImage}`).digest('hex').slice(0, 32);
  return join(cacheDir, `mean-${key}.f32`);
}

export function cachedMeanImage(o: MeanCacheOptions): Float32Array {
  if (!o.cacheDir) return meanImage(o.split, o.pixelsPerImage);
  const path = meanCachePath(o.cacheDir, o.fingerprint, o.pixelsPerImage);
  const bytes = o.pixelsPerImage * 4;
  if (existsSync(path) && statSync(path).size === bytes) {
    const data = readFileSync(path);
    return new Float32Array(data.buffer.slice(data.byteOffset, data.byteOffset + bytes));
  }
  const mean = meanImage(o.split, o.pixelsPerImage);
  mkdirSync(o.cacheDir, { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, new Uint8Array(mean.buffer, mean.byteOffset, mean.byteLength));
  renameSync(tmp, path);
  return mean;
}
