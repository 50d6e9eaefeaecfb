/**
 * Fashion-MNIST (Xiao et al. 2017) from its four IDX files: 60000 training and 10000 test
 * greyscale 28x28 images of 10 clothing classes. The test set is the validation split, as
 * in the paper's use of the ILSVRC validation set.
 */
import { InputError } from '../core/errors.js';
import { type ImageDataset, type ImageSplit } from './dataset.js';
import { cachedMeanImage } from './mean-cache.js';
import { locateFiles, readFolderFile, type DataFolderOptions, type FolderFile } from './data-folder.js';
import { fingerprintFiles } from './fingerprint.js';
import { greyToRgb } from './grey-to-rgb.js';
import { parseIdx } from './idx.js';
import { dataMessages as m } from './messages.js';
import { checkLabels, describeSelection, resolveLimit, takeRange, trainHoldoutCounts } from './split-tools.js';

/** Where the Debian/Ubuntu package dataset-fashion-mnist installs the files. */
export const FASHION_MNIST_DEFAULT_PATH = '/usr/share/datasets/fashion-mnist';

export const FASHION_MNIST_HOW_TO_GET =
  'install it with `apt-get install dataset-fashion-mnist` or set dataset.path to a folder holding ' +
  'train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (gzipped or not)';

const CLASSES = 10;
const SIZE_PX = 28;
const IMAGE_BYTES = SIZE_PX * SIZE_PX * 3;
/** Fixed by the format: every Fashion-MNIST data set has these. */
export const FASHION_MNIST_GEOMETRY = Object.freeze({ classes: CLASSES, imageSize: SIZE_PX });

export interface FashionMnistOptions {
  /** Folder with the four IDX files. */
  path?: string;
  /** Keep only the first N training images (deterministic: a prefix, no sampling). */
  trainLimit?: number;
  /** Keep only the first N test images. */
  valLimit?: number;
  /** Hold out N training images (split-tools.ts trainHoldoutCounts): after the first trainLimit, else the last N. */
  holdout?: number;
  /** Cache folder for the mean image (mean-cache.ts); absent: computed every load. */
  cacheDir?: string;
}

interface SplitFiles {
  images: FolderFile;
  labels: FolderFile;
}

/** Accepts the gzipped name first (what the package installs), then an unpacked copy. */
function names(base: string): string[] {
  return [`${base}.gz`, base];
}

/** The first `keep(total)` records of a pair of IDX files. */
function parseSplit(files: SplitFiles, keep: (total: number) => number): { split: ImageSplit; total: number } {
  const images = parseIdx(files.images.bytes, files.images.path);
  const labels = parseIdx(files.labels.bytes, files.labels.path);
  if (images.dims.length !== 3 || images.dims[1] !== SIZE_PX || images.dims[2] !== SIZE_PX) {
    throw new InputError(m.idxBadShape(files.images.path, images.dims, `N x ${SIZE_PX} x ${SIZE_PX} images`));
  }
  if (labels.dims.length !== 1) throw new InputError(m.idxBadShape(files.labels.path, labels.dims, 'N labels'));
  const total = images.dims[0];
  if (labels.dims[0] !== total) throw new InputError(m.countMismatch(files.images.path, total, files.labels.path, labels.dims[0]));
  checkLabels(labels.data, CLASSES, files.labels.path);
  const count = keep(total);
  // Cut the grey data before expanding, so a small limit never builds the full RGB set.
  const split: ImageSplit = {
    images: greyToRgb(images.data.subarray(0, count * SIZE_PX * SIZE_PX)),
    labels: Int32Array.from(labels.data.subarray(0, count)),
    count,
  };
  return { split, total };
}

export function loadFashionMnist(opts: FashionMnistOptions = {}): ImageDataset {
  const folderOpts: DataFolderOptions = { folder: opts.path ?? FASHION_MNIST_DEFAULT_PATH, howToGet: FASHION_MNIST_HOW_TO_GET };
  const found = locateFiles(folderOpts, [
    names('train-images-idx3-ubyte'),
    names('train-labels-idx1-ubyte'),
    names('t10k-images-idx3-ubyte'),
    names('t10k-labels-idx1-ubyte'),
  ]);
  // Read once and both parse and hash these bytes, so the fingerprint is of exactly what was parsed.
  const files = found.map((name) => readFolderFile(folderOpts.folder, name));
  let counts = { train: 0, holdout: 0 };
  const read = parseSplit({ images: files[0], labels: files[1] }, (available) => {
    counts = trainHoldoutCounts({ trainLimit: opts.trainLimit, holdout: opts.holdout, available, where: files[0].path });
    return counts.train + counts.holdout;
  });
  const val = parseSplit({ images: files[2], labels: files[3] }, (total) => resolveLimit('valLimit', opts.valLimit, total, files[2].path));
  const train = takeRange(read.split, 0, counts.train, IMAGE_BYTES);
  const holdout = counts.holdout > 0 ? takeRange(read.split, counts.train, counts.holdout, IMAGE_BYTES) : undefined;
  const selection = describeSelection(train.count, read.total, val.split.count, val.total, counts.holdout);
  const fingerprint = fingerprintFiles(files, { selection });
  const held = holdout ? ` (+${holdout.count} holdout)` : '';
  return {
    description: `fashion-mnist ${train.count}/${val.split.count}${held} images ${SIZE_PX}x${SIZE_PX} grey as RGB`,
    classes: CLASSES,
    height: SIZE_PX,
    width: SIZE_PX,
    channels: 3,
    train,
    val: val.split,
    ...(holdout ? { holdout } : {}),
    fingerprint,
    meanImage: cachedMeanImage({ cacheDir: opts.cacheDir, fingerprint, split: train, pixelsPerImage: IMAGE_BYTES }),
  };
}
