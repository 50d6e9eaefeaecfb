/**
 * Every message for a bad data folder or data file, in one place so the wording stays
 * consistent with src/core/errors.ts: `<file>: <what is wrong>; <fix>`.
 */
import { oneOf, quote } from '../core/errors.js';

const REDOWNLOAD = 'the file is truncated or damaged: download or install it again';

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export const dataMessages = {
  unknownFormat: (format: string, formats: readonly string[]) =>
    `dataset.format: ${quote(format)} is not a data source; use ${oneOf(formats)}`,
  missingFolder: (folder: string, howToGet: string) =>
    `${folder}: data folder does not exist; ${howToGet}`,
  notAFolder: (folder: string, howToGet: string) =>
    `${folder}: is not a folder; set dataset.path to the folder holding the files (${howToGet})`,
  missingFiles: (folder: string, names: readonly string[], howToGet: string) =>
    `${folder}: missing ${names.join(', ')}; ${howToGet}`,
  badGzip: (file: string, reason: string) =>
    `${file}: cannot decompress gzip data (${reason}); ${REDOWNLOAD}`,
  idxTooShort: (file: string, bytes: number) =>
    `${file}: ${bytes} bytes is too short for an IDX header; ${REDOWNLOAD}`,
  idxBadMagic: (file: string, first: Uint8Array) =>
    `${file}: not an IDX file (starts with ${hex(first)}, expected 00 00 <type> <dims>); check that dataset.path points at the right files`,
  idxBadType: (file: string, type: number) =>
    `${file}: IDX data type 0x${type.toString(16).padStart(2, '0')} is not supported; only 0x08 (unsigned byte) data is read`,
  idxSizeMismatch: (file: string, dims: readonly number[], expectedBytes: number, actualBytes: number) =>
    `${file}: header declares ${dims.join('x')} = ${expectedBytes} data bytes but the file holds ${actualBytes}; ${REDOWNLOAD}`,
  idxBadShape: (file: string, dims: readonly number[], expected: string) =>
    `${file}: holds an array of shape ${dims.join('x')}, expected ${expected}; check that dataset.path points at the right files`,
  countMismatch: (imagesFile: string, images: number, labelsFile: string, labels: number) =>
    `${imagesFile}: holds ${images} images but ${labelsFile} holds ${labels} labels; the two files must come from the same release`,
  labelOutOfRange: (file: string, record: number, label: number, classes: number) =>
    `${file}: label ${label} of record ${record} is out of range 0..${classes - 1}; ${REDOWNLOAD}`,
  cifarTruncated: (file: string, bytes: number, recordBytes: number) =>
    `${file}: ${bytes} bytes is not a whole number of ${recordBytes}-byte CIFAR-10 records (1 label + 3072 pixels); ${REDOWNLOAD}`,
  badLimit: (option: string, value: unknown) =>
    `dataset.${option}: ${JSON.stringify(value)} is not allowed; use a whole number of at least 1`,
  limitTooLarge: (option: string, limit: number, available: number, where: string) =>
    `dataset.${option}: ${limit} is more than the ${available} images in ${where}; use at most ${available} or leave it out`,
  holdoutTooLarge: (holdout: number, available: number, where: string, trainLimit: number | null) =>
    trainLimit === null
      ? `dataset.holdout: ${holdout} leaves none of the ${available} training images in ${where} to train on; use at most ${available - 1}`
      : `dataset.holdout: ${holdout} images after the first ${trainLimit} (trainLimit) need ${trainLimit + holdout}, more than the ${available} in ${where}; ` +
        (available > trainLimit ? `use a holdout of at most ${available - trainLimit} or a smaller trainLimit` : 'use a smaller trainLimit'),
  // ILSVRC-style image folders (src/data/imagenet-folder.ts).
  noClassFolders: (trainFolder: string, layout: string) =>
    `${trainFolder}: holds no class folders; ${layout}`,
  emptyClassFolder: (folder: string) =>
    `${folder}: class folder holds no .JPEG, .jpg, .jpeg or .png images; add images or remove the class (or leave it out of dataset.classes)`,
  unknownClass: (option: string, wnid: string, trainFolder: string) =>
    `${option}: class ${JSON.stringify(wnid)} has no folder in ${trainFolder}; use the names of folders there (e.g. n01440764)`,
  duplicateClass: (option: string, wnid: string) =>
    `${option}: class ${JSON.stringify(wnid)} is listed twice; list each class once`,
  missingValClass: (folder: string) =>
    `${folder}: validation folder for this class does not exist; every class needs val/<wnid>/, or use a flat val/ with dataset.valLabels`,
  flatValNeedsLabels: (valFolder: string) =>
    `${valFolder}: holds no class folders; a flat val/ needs dataset.valLabels, a text file of "<filename> <wnid>" lines`,
  valLabelsBadLine: (file: string, line: number, text: string) =>
    `${file}:${line}: ${JSON.stringify(text)} is not "<filename> <wnid>"; write one image name and one class per line`,
  valLabelsUnknownClass: (file: string, line: number, wnid: string, trainFolder: string) =>
    `${file}:${line}: class ${JSON.stringify(wnid)} has no folder in ${trainFolder}; the labels file must use the training class names`,
  valLabelsDuplicate: (file: string, line: number, name: string) =>
    `${file}:${line}: image ${JSON.stringify(name)} is listed again; list each validation image once`,
  valLabelsMissingImage: (file: string, line: number, image: string) =>
    `${file}:${line}: image ${image} does not exist; check that dataset.valLabels belongs to this val/ folder`,
  valLabelsNoImages: (file: string, wnid: string) =>
    `${file}: lists no validation images of class ${JSON.stringify(wnid)}; add its lines or leave the class out of dataset.classes`,
  noImagesLeft: (folder: string, skipped: number) =>
    `${folder}: all ${skipped} training images were skipped as undecodable; check the files (dataset.onBadFile "fail" names the first bad one)`,
  badImage: (file: string, reason: string) =>
    `${file}: cannot decode image (${reason}); replace or delete the file, or set dataset.onBadFile to "skip"`,
} as const;
