/**
 * Decoding one ImageNet file to the paper's input form (section 2): "given a rectangular
 * image, we first rescaled the image such that the shorter side was of length 256, and
 * then cropped out the central 256x256 patch", as uint8 HWC RGB.
 */
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { sha256Hex } from './fingerprint.js';

export interface DecodedImage {
  /** sizePx * sizePx * 3 bytes, HWC RGB. */
  pixels: Uint8Array;
}

/** What the fingerprint needs of a file, kept instead of its bytes so a large folder is not held in memory. */
export interface FileDigest {
  name: string;
  sizeBytes: number;
  sha256: string;
}

export type DecodeOutcome = { digest: FileDigest } & ({ ok: true; image: DecodedImage } | { ok: false; reason: string });

/**
 * fit 'cover' + centre position is exactly "shorter side to sizePx, then central crop".
 * No .rotate(): EXIF orientation is ignored, as the paper's pipeline and torchvision's PIL
 * loader do. toColourspace('srgb') turns CMYK, grey and 16-bit (rgb16/grey16) into 8-bit
 * sRGB; raw({depth:'uchar'}) makes the 8-bit output explicit.
 */
export async function decodeToSquare(bytes: Uint8Array, sizePx: number): Promise<DecodedImage> {
  const { data, info } = await sharp(bytes)
    .resize({ width: sizePx, height: sizePx, fit: 'cover', position: 'centre' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.width !== sizePx || info.height !== sizePx || info.channels !== 3 || data.length !== sizePx * sizePx * 3) {
    throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, expected ${sizePx}x${sizePx}x3`);
  }
  return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Reads, hashes and decodes one file; a read or decode failure is returned, not thrown, so the caller picks fail or skip. */
export async function readAndDecode(name: string, path: string, sizePx: number): Promise<DecodeOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return { ok: false, reason: (e as Error).message, digest: { name, sizeBytes: 0, sha256: 'unreadable' } };
  }
  const digest: FileDigest = { name, sizeBytes: bytes.length, sha256: sha256Hex(bytes) };
  try {
    return { ok: true, image: await decodeToSquare(bytes, sizePx), digest };
  } catch (e) {
    return { ok: false, reason: (e as Error).message, digest };
  }
}

export interface PoolOptions {
  concurrency: number;
  /** Stop starting new items once one result says so (fail fast on a bad file). */
  stopWhen?: (result: DecodeOutcome) => boolean;
}

/**
 * Runs `fn` over `items` with at most `concurrency` in flight; results keep item order.
 * Items are started in index order, so after a stop every item before the first stopping
 * one has finished: the lowest-index failure is always found, whatever the timing.
 */
export async function mapPool<T>(items: readonly T[], opts: PoolOptions, fn: (item: T) => Promise<DecodeOutcome>): Promise<(DecodeOutcome | undefined)[]> {
  const results: (DecodeOutcome | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const i = next++;
      const result = await fn(items[i]);
      results[i] = result;
      if (opts.stopWhen?.(result)) stopped = true;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, items.length) }, worker));
  return results;
}
