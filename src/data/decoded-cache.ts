/**
 * The decoded cache: decoding JPEGs every run would dominate, so the first load writes the
 * decoded uint8 images, labels and mean image to one file that later runs read back in
 * one pass. The key covers the source path, every file's name, size and modification
 * time, and the preprocessing, so a changed or added file, or another resize, is a miss.
 * The cached dataset keeps the content fingerprint computed when it was decoded.
 *
 * File layout: "ABCACHE1", uint32 LE header length, JSON header, then train images, train
 * labels (int32 LE), val images, val labels, mean image (float32 LE). Written atomically;
 * a file that does not parse is ignored and rewritten, never trusted.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ImageDataset, ImageSplit } from './dataset.js';

const MAGIC = 'ABCACHE1';

interface Header {
  description: string;
  classes: number;
  height: number;
  width: number;
  fingerprint: string;
  skippedFiles: string[];
  trainCount: number;
  valCount: number;
}

/** Where caches live: $BENCH_CACHE_DIR, else $XDG_CACHE_HOME/alexnet-bench, else ~/.cache/alexnet-bench. */
export function defaultCacheDir(): string {
  if (process.env.BENCH_CACHE_DIR) return process.env.BENCH_CACHE_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'alexnet-bench');
}

/** A cache key from a description of the source and the stat of every file it will read. */
export function cacheKey(source: unknown, files: ReadonlyArray<{ name: string; path: string }>): string {
  const hash = createHash('sha256').update(JSON.stringify(source));
  for (const f of files) {
    const s = statSync(f.path);
    hash.update(`\n${f.name}\0${s.size}\0${s.mtimeMs}`);
  }
  return hash.digest('hex').slice(0, 32);
}

export function cachePath(dir: string, key: string): string {
  return join(dir, `${key}.bin`);
}

function bytesOf(a: Int32Array | Float32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export function writeCache(path: string, dataset: ImageDataset): void {
  const header: Header = {
    description: dataset.description, classes: dataset.classes, height: dataset.height, width: dataset.width,
    fingerprint: dataset.fingerprint, skippedFiles: dataset.skippedFiles ?? [], trainCount: dataset.train.count, valCount: dataset.val.count,
  };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const parts = [Buffer.from(MAGIC), length, json, dataset.train.images, bytesOf(dataset.train.labels), dataset.val.images, bytesOf(dataset.val.labels), bytesOf(dataset.meanImage)];
  mkdirSync(join(path, '..'), { recursive: true });
  // Temporary file + rename: a reader never sees a half-written cache.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, Buffer.concat(parts));
  renameSync(tmp, path);
}

/** The cached dataset, or null when the file is absent or not a whole, valid cache. */
export function readCache(path: string): ImageDataset | null {
  if (!existsSync(path)) return null;
  try {
    return parse(readFileSync(path));
  } catch {
    return null;
  }
}

function parse(buffer: Buffer): ImageDataset | null {
  if (buffer.subarray(0, MAGIC.length).toString() !== MAGIC) return null;
  const headerLength = buffer.readUInt32LE(MAGIC.length);
  let offset = MAGIC.length + 4;
  const header = JSON.parse(buffer.subarray(offset, offset + headerLength).toString()) as Header;
  offset += headerLength;
  const imageBytes = header.height * header.width * 3;
  const take = (bytes: number): Uint8Array => {
    if (offset + bytes > buffer.length) throw new RangeError('truncated cache');
    // A copy, aligned for the typed views below.
    const out = new Uint8Array(bytes);
    out.set(buffer.subarray(offset, offset + bytes));
    offset += bytes;
    return out;
  };
  const split = (count: number): ImageSplit => ({ images: take(count * imageBytes), labels: new Int32Array(take(count * 4).buffer), count });
  const train = split(header.trainCount);
  const val = split(header.valCount);
  const meanImage = new Float32Array(take(imageBytes * 4).buffer);
  if (offset !== buffer.length) return null;
  return {
    description: header.description, classes: header.classes, height: header.height, width: header.width, channels: 3,
    train, val, fingerprint: header.fingerprint, meanImage,
    ...(header.skippedFiles.length ? { skippedFiles: header.skippedFiles } : {}),
  };
}
