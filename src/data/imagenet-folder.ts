/**
 * ImageNet (ILSVRC-2012) or a subset of it (Imagenette) from image folders, preprocessed as
 * in the paper (section 2): shorter side rescaled to resizePx (256), central
 * resizePx x resizePx crop, raw RGB. The random 224 crops and flips (section 4.1) happen
 * later, in augmentation; the mean image is taken over these 256x256 training images.
 *
 * Layout: see IMAGENET_LAYOUT in imagenet-layout.ts.
 */
import { createHash } from 'node:crypto';
import { join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { meanImage, type ImageDataset, type ImageSplit } from './dataset.js';
import { cacheKey, cachePath, readCache, writeCache } from './decoded-cache.js';
import { mapPool, readAndDecode, type DecodeOutcome, type FileDigest } from './imagenet-decode.js';
import { byCodeUnit, listFlatVal, listPerClassSplit, readValLabels, resolveClasses, valIsPerClass, type ImageEntry } from './imagenet-layout.js';
import { sha256Hex } from './fingerprint.js';
import { dataMessages as m } from './messages.js';
import { resolveLimit } from './split-tools.js';

export { IMAGENET_LAYOUT } from './imagenet-layout.js';

/** The paper's rescale size (section 2). */
export const IMAGENET_RESIZE_PX = 256;
/** Files decoded at once: sharp decodes on libuv threads, a few in flight keep them busy without holding many files in memory. */
const DEFAULT_CONCURRENCY = 4;

export type OnBadFile = 'fail' | 'skip';

export interface ImagenetFolderOptions {
  /** Folder holding train/ and val/. */
  path: string;
  /** Side of the square output in pixels (256 in the paper). */
  resizePx?: number;
  /** Subset of wnids, in the order that defines class indexes; default every train/ folder sorted by name. */
  classes?: readonly string[];
  /** Flat val/ only: text file of "<filename> <wnid>" lines (path as given, not relative to `path`). */
  valLabels?: string;
  /** A file sharp cannot decode: 'fail' (default) throws an InputError naming it, 'skip' leaves it out and lists it. */
  onBadFile?: OnBadFile;
  /** First N files (by name) of each class; a class with fewer keeps all. Skipped files are not replaced. */
  trainLimitPerClass?: number;
  valLimitPerClass?: number;
  /** Files decoded in parallel; output order does not depend on it. */
  concurrency?: number;
  /** Read and write the decoded cache in this folder (decoded-cache.ts); absent: no cache. */
  cacheDir?: string;
  /** Called after each decoded file (not on a cache hit). */
  onProgress?: (done: number, total: number) => void;
}

export interface ImagenetFolderResult {
  dataset: ImageDataset;
  /**
   * Files left out with onBadFile 'skip', relative to `path` (e.g. "train/n01/x.JPEG"), in
   * read order. ImageDataset has no field for this, so it is returned beside it; the list
   * is also part of the fingerprint.
   */
  skipped: string[];
}

/** A per-class limit: validated like the other limits, but a class with fewer images keeps all (ILSVRC classes have 732..1300). */
function perClassLimit(option: string, limit: number | undefined, where: string): number {
  return limit === undefined ? Number.MAX_SAFE_INTEGER : resolveLimit(option, limit, Number.MAX_SAFE_INTEGER, where);
}

interface SplitResult {
  split: ImageSplit;
  digests: FileDigest[];
  skipped: string[];
}

/** Decodes `entries` in parallel and packs them in entry order; the first bad file (by order) fails or is skipped. */
async function decodeSplit(entries: readonly ImageEntry[], sizePx: number, onBadFile: OnBadFile, concurrency: number, tick: () => void): Promise<SplitResult> {
  const stopWhen = onBadFile === 'fail' ? (r: DecodeOutcome) => !r.ok : undefined;
  const outcomes = await mapPool(entries, { concurrency, stopWhen }, async (e) => {
    const outcome = await readAndDecode(e.name, e.path, sizePx);
    tick();
    return outcome;
  });
  const bad = outcomes.findIndex((o) => o !== undefined && !o.ok);
  const firstBad = outcomes[bad];
  if (onBadFile === 'fail' && firstBad !== undefined && !firstBad.ok) throw new InputError(m.badImage(entries[bad].path, firstBad.reason));
  const imageBytes = sizePx * sizePx * 3;
  const kept = outcomes.filter((o) => o?.ok === true).length;
  const split: ImageSplit = { images: new Uint8Array(kept * imageBytes), labels: new Int32Array(kept), count: kept };
  const digests: FileDigest[] = [];
  const skipped: string[] = [];
  let n = 0;
  outcomes.forEach((o, i) => {
    if (o === undefined) return;
    digests.push(o.digest);
    if (!o.ok) {
      skipped.push(entries[i].name);
      return;
    }
    split.images.set(o.image.pixels, n * imageBytes);
    split.labels[n++] = entries[i].label;
  });
  return { split, digests, skipped };
}

interface FingerprintParts {
  digests: readonly FileDigest[];
  sizePx: number;
  classes: readonly string[];
  skipped: readonly string[];
}

/**
 * Same per-file lines as fingerprintFiles (name, size, sha256; sorted by name) built from
 * digests, so the compressed bytes need not stay in memory. Limits are not added: the
 * names of the files read already say which part was used. The preprocessing and the class
 * list are, since they change the pixels and the labels without changing any file.
 */
function fingerprint(parts: FingerprintParts): string {
  const hash = createHash('sha256');
  for (const d of [...parts.digests].sort((a, b) => byCodeUnit(a.name, b.name))) hash.update(`${d.name}\0${d.sizeBytes}\0${d.sha256}\n`);
  hash.update(`preprocess\0resize shorter side ${parts.sizePx}, centre crop ${parts.sizePx}x${parts.sizePx}, srgb uint8\n`);
  hash.update(`classes\0${parts.classes.join(',')}\n`);
  hash.update(`skipped\0${parts.skipped.join(',')}\n`);
  return `sha256:${hash.digest('hex')}`;
}

function listVal(opts: ImagenetFolderOptions, classes: readonly string[], limit: number): { entries: ImageEntry[]; labelsDigest?: FileDigest } {
  if (opts.valLabels === undefined) {
    if (!valIsPerClass(opts.path)) throw new InputError(m.flatValNeedsLabels(join(opts.path, 'val')));
    return { entries: listPerClassSplit(opts.path, 'val', classes, limit) };
  }
  const bytes = readValLabels(opts.valLabels);
  const entries = listFlatVal({ root: opts.path, labelsFile: opts.valLabels, labelsText: bytes.toString('utf8'), classes, limit });
  // Named by role, not by path, so moving the labels file keeps the fingerprint.
  return { entries, labelsDigest: { name: '(valLabels)', sizeBytes: bytes.length, sha256: sha256Hex(bytes) } };
}

export async function loadImagenetFolder(opts: ImagenetFolderOptions): Promise<ImagenetFolderResult> {
  const sizePx = opts.resizePx ?? IMAGENET_RESIZE_PX;
  if (!Number.isInteger(sizePx) || sizePx < 1) throw new InputError(m.badLimit('resizePx', sizePx));
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new InputError(m.badLimit('concurrency', concurrency));
  const onBadFile = opts.onBadFile ?? 'fail';
  const classes = resolveClasses(opts.path, opts.classes);
  const trainEntries = listPerClassSplit(opts.path, 'train', classes, perClassLimit('trainLimitPerClass', opts.trainLimitPerClass, opts.path));
  const val = listVal(opts, classes, perClassLimit('valLimitPerClass', opts.valLimitPerClass, opts.path));
  const cacheFile = opts.cacheDir === undefined ? null : cachePath(opts.cacheDir, cacheKey(
    { format: 'imagenet-folder', root: resolve(opts.path), sizePx, classes, onBadFile, valLabels: opts.valLabels ?? null },
    [...trainEntries, ...val.entries, ...(opts.valLabels ? [{ name: '(valLabels)', path: opts.valLabels }] : [])],
  ));
  const cached = cacheFile === null ? null : readCache(cacheFile);
  if (cached) return { dataset: cached, skipped: cached.skippedFiles ?? [] };
  const progress = counter(trainEntries.length + val.entries.length, opts.onProgress);
  const train = await decodeSplit(trainEntries, sizePx, onBadFile, concurrency, progress);
  const valSplit = await decodeSplit(val.entries, sizePx, onBadFile, concurrency, progress);
  const skipped = [...train.skipped, ...valSplit.skipped];
  // An empty training split has no mean image (section 2) and nothing to learn from.
  if (train.split.count === 0) throw new InputError(m.noImagesLeft(join(opts.path, 'train'), train.skipped.length));
  const digests = [...train.digests, ...valSplit.digests, ...(val.labelsDigest ? [val.labelsDigest] : [])];
  const dataset: ImageDataset = {
    description: `imagenet-folder ${classes.length} classes ${train.split.count}/${valSplit.split.count} images ${sizePx}x${sizePx}`,
    classes: classes.length,
    height: sizePx,
    width: sizePx,
    channels: 3,
    train: train.split,
    val: valSplit.split,
    fingerprint: fingerprint({ digests, sizePx, classes, skipped }),
    meanImage: meanImage(train.split, sizePx * sizePx * 3),
  };
  if (cacheFile !== null) writeCache(cacheFile, { ...dataset, skippedFiles: skipped });
  return { dataset, skipped };
}

/** Calls onProgress(done, total) after each decoded file. */
function counter(total: number, onProgress?: (done: number, total: number) => void): () => void {
  let done = 0;
  return () => onProgress?.(++done, total);
}
