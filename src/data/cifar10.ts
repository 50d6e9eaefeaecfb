/**
 * CIFAR-10 (Krizhevsky 2009) in its binary form (cifar-10-binary.tar.gz, folder
 * cifar-10-batches-bin): data_batch_1..5.bin (50000 training images) and test_batch.bin
 * (10000, the validation split). Each record is 1 label byte then 3072 pixel bytes: the
 * 1024 red, then 1024 green, then 1024 blue values of a 32x32 image, row-major.
 */
import { InputError } from '../core/errors.js';
import { type ImageDataset, type ImageSplit } from './dataset.js';
import { cachedMeanImage } from './mean-cache.js';
import { locateFiles, readFolderFile, type DataFolderOptions, type FolderFile } from './data-folder.js';
import { fingerprintFiles } from './fingerprint.js';
import { dataMessages as m } from './messages.js';
import { describeSelection, resolveLimit, takeFirst, takeRange, trainHoldoutCounts } from './split-tools.js';

export const CIFAR10_HOW_TO_GET =
  'download cifar-10-binary.tar.gz from https://www.cs.toronto.edu/~kriz/cifar.html, unpack it and ' +
  'set dataset.path to its cifar-10-batches-bin folder';

export const CIFAR10_TRAIN_FILES = ['data_batch_1.bin', 'data_batch_2.bin', 'data_batch_3.bin', 'data_batch_4.bin', 'data_batch_5.bin'] as const;
export const CIFAR10_TEST_FILE = 'test_batch.bin';

const CLASSES = 10;
const SIZE_PX = 32;
/** Fixed by the format: every CIFAR-10 data set has these. */
export const CIFAR10_GEOMETRY = Object.freeze({ classes: CLASSES, imageSize: SIZE_PX });
const PLANE_BYTES = SIZE_PX * SIZE_PX;
const IMAGE_BYTES = 3 * PLANE_BYTES;
export const CIFAR10_RECORD_BYTES = 1 + IMAGE_BYTES;

export interface Cifar10Options {
  /** The cifar-10-batches-bin folder. */
  path: string;
  /** Keep only the first N training images, in batch order (deterministic: a prefix). */
  trainLimit?: number;
  /** Keep only the first N test images. */
  valLimit?: number;
  /** Hold out N training images (split-tools.ts trainHoldoutCounts): after the first trainLimit, else the last N. */
  holdout?: number;
  /** Cache folder for the mean image (mean-cache.ts); absent: computed every load. */
  cacheDir?: string;
}

/** One record's CHW planes to HWC, the layout every source produces. */
function planesToHwc(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number): void {
  for (let p = 0; p < PLANE_BYTES; p++) {
    const o = dstOffset + p * 3;
    dst[o] = src[srcOffset + p];
    dst[o + 1] = src[srcOffset + PLANE_BYTES + p];
    dst[o + 2] = src[srcOffset + 2 * PLANE_BYTES + p];
  }
}

/** Decodes one batch file into `split` from record `start`; returns its record count. Labels are checked here, where the file and record are known. */
function decodeBatch(file: FolderFile, split: ImageSplit, start: number): number {
  const records = file.bytes.length / CIFAR10_RECORD_BYTES;
  for (let r = 0; r < records; r++) {
    const offset = r * CIFAR10_RECORD_BYTES;
    const label = file.bytes[offset];
    if (label >= CLASSES) throw new InputError(m.labelOutOfRange(file.path, r, label, CLASSES));
    split.labels[start + r] = label;
    planesToHwc(file.bytes, offset + 1, split.images, (start + r) * IMAGE_BYTES);
  }
  return records;
}

/** Checks every file is whole records, then decodes them in order into one split. */
export function decodeCifarFiles(files: readonly FolderFile[]): ImageSplit {
  let count = 0;
  for (const file of files) {
    if (file.bytes.length === 0 || file.bytes.length % CIFAR10_RECORD_BYTES !== 0) {
      throw new InputError(m.cifarTruncated(file.path, file.bytes.length, CIFAR10_RECORD_BYTES));
    }
    count += file.bytes.length / CIFAR10_RECORD_BYTES;
  }
  const split: ImageSplit = { images: new Uint8Array(count * IMAGE_BYTES), labels: new Int32Array(count), count };
  let start = 0;
  for (const file of files) start += decodeBatch(file, split, start);
  return split;
}

export function loadCifar10(opts: Cifar10Options): ImageDataset {
  const folderOpts: DataFolderOptions = { folder: opts.path, howToGet: CIFAR10_HOW_TO_GET };
  const found = locateFiles(folderOpts, [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE].map((n) => [n]));
  const files = found.map((name) => readFolderFile(folderOpts.folder, name));
  const fullTrain = decodeCifarFiles(files.slice(0, CIFAR10_TRAIN_FILES.length));
  const fullVal = decodeCifarFiles(files.slice(CIFAR10_TRAIN_FILES.length));
  const counts = trainHoldoutCounts({ trainLimit: opts.trainLimit, holdout: opts.holdout, available: fullTrain.count, where: opts.path });
  const train = takeFirst(fullTrain, counts.train, IMAGE_BYTES);
  const holdout = counts.holdout > 0 ? takeRange(fullTrain, counts.train, counts.holdout, IMAGE_BYTES) : undefined;
  const val = takeFirst(fullVal, resolveLimit('valLimit', opts.valLimit, fullVal.count, files[files.length - 1].path), IMAGE_BYTES);
  const fingerprint = fingerprintFiles(files, { selection: describeSelection(train.count, fullTrain.count, val.count, fullVal.count, counts.holdout) });
  const held = holdout ? ` (+${holdout.count} holdout)` : '';
  return {
    description: `cifar-10 ${train.count}/${val.count}${held} images ${SIZE_PX}x${SIZE_PX}`,
    classes: CLASSES,
    height: SIZE_PX,
    width: SIZE_PX,
    channels: 3,
    train,
    val,
    ...(holdout ? { holdout } : {}),
    fingerprint,
    meanImage: cachedMeanImage({ cacheDir: opts.cacheDir, fingerprint, split: train, pixelsPerImage: IMAGE_BYTES }),
  };
}
