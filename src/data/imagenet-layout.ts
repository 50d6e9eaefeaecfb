/**
 * Finding the images of an ILSVRC-style folder (Russakovsky et al. 2015 release layout):
 * train/<wnid>/*.JPEG and either val/<wnid>/* or a flat val/ plus a "<filename> <wnid>"
 * labels file. Only names are listed here; nothing is decoded.
 *
 * Every list is sorted by UTF-16 code unit (not localeCompare) so the order, and with it
 * the labels and the fingerprint, is the same on every machine and locale.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import { checkFolder } from './data-folder.js';
import { dataMessages as m } from './messages.js';

export const IMAGENET_LAYOUT =
  'expected the ILSVRC layout: <path>/train/<wnid>/*.JPEG and either <path>/val/<wnid>/*.JPEG or a flat ' +
  '<path>/val/ plus dataset.valLabels (lines "<filename> <wnid>"); Imagenette unpacks to this layout';

const IMAGE_EXTENSION = /\.(jpe?g|png)$/i;

/** One image to read: `name` is relative to the data root (for the fingerprint and the skipped list). */
export interface ImageEntry {
  name: string;
  path: string;
  label: number;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Sub-folders of `folder`, sorted; hidden ones (.git, .DS_Store style) are not classes. */
export function listSubfolders(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || (d.isSymbolicLink() && isDirectory(join(folder, d.name)))))
    .map((d) => d.name)
    .sort(byCodeUnit);
}

/** Image file names directly in `folder`, sorted; other files (README, .txt) are ignored. */
function listImages(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.') && !d.isDirectory() && IMAGE_EXTENSION.test(d.name))
    .map((d) => d.name)
    .sort(byCodeUnit);
}

/** The class list: the given subset in its given order, or every train folder sorted by name. */
export function resolveClasses(root: string, classes: readonly string[] | undefined): string[] {
  checkFolder({ folder: root, howToGet: IMAGENET_LAYOUT });
  const trainFolder = join(root, 'train');
  checkFolder({ folder: trainFolder, howToGet: IMAGENET_LAYOUT });
  const available = listSubfolders(trainFolder);
  if (available.length === 0) throw new InputError(m.noClassFolders(trainFolder, IMAGENET_LAYOUT));
  if (classes === undefined) return available;
  const seen = new Set<string>();
  for (const wnid of classes) {
    if (!available.includes(wnid)) throw new InputError(m.unknownClass('dataset.classes', wnid, trainFolder));
    if (seen.has(wnid)) throw new InputError(m.duplicateClass('dataset.classes', wnid));
    seen.add(wnid);
  }
  return [...classes];
}

/** First `limit` images of each `<split>/<wnid>/` folder, classes in index order. */
export function listPerClassSplit(root: string, split: 'train' | 'val', classes: readonly string[], limit: number): ImageEntry[] {
  const entries: ImageEntry[] = [];
  classes.forEach((wnid, label) => {
    const folder = join(root, split, wnid);
    if (!isDirectory(folder)) throw new InputError(m.missingValClass(folder));
    const names = listImages(folder);
    if (names.length === 0) throw new InputError(m.emptyClassFolder(folder));
    for (const file of names.slice(0, limit)) entries.push({ name: `${split}/${wnid}/${file}`, path: join(folder, file), label });
  });
  return entries;
}

interface LabelLine {
  file: string;
  line: number;
  wnid: string;
}

/** Parses "<filename> <wnid>" lines; blank lines are allowed, anything else must be exactly two fields. */
export function parseValLabels(labelsFile: string, text: string, knownClasses: ReadonlySet<string>, trainFolder: string): LabelLine[] {
  const lines: LabelLine[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const fields = raw.trim().split(/\s+/);
    if (raw.trim() === '') return;
    if (fields.length !== 2) throw new InputError(m.valLabelsBadLine(labelsFile, line, raw));
    const [file, wnid] = fields;
    if (!knownClasses.has(wnid)) throw new InputError(m.valLabelsUnknownClass(labelsFile, line, wnid, trainFolder));
    if (seen.has(file)) throw new InputError(m.valLabelsDuplicate(labelsFile, line, file));
    seen.add(file);
    lines.push({ file, line, wnid });
  });
  return lines;
}

export interface FlatValOptions {
  root: string;
  labelsFile: string;
  /** The labels file's bytes, already read (they go into the fingerprint). */
  labelsText: string;
  classes: readonly string[];
  limit: number;
}

/**
 * A flat val/ labelled by a text file. Lines of classes outside `classes` are dropped (the
 * Imagenette-style subset), but their class must still be a train folder: a typo is an error.
 */
export function listFlatVal(opts: FlatValOptions): ImageEntry[] {
  const trainFolder = join(opts.root, 'train');
  const lines = parseValLabels(opts.labelsFile, opts.labelsText, new Set(listSubfolders(trainFolder)), trainFolder);
  const byClass = opts.classes.map(() => [] as LabelLine[]);
  const index = new Map(opts.classes.map((wnid, i) => [wnid, i]));
  for (const l of lines) {
    const label = index.get(l.wnid);
    if (label !== undefined) byClass[label].push(l);
  }
  const entries: ImageEntry[] = [];
  byClass.forEach((classLines, label) => {
    if (classLines.length === 0) throw new InputError(m.valLabelsNoImages(opts.labelsFile, opts.classes[label]));
    classLines.sort((a, b) => byCodeUnit(a.file, b.file));
    for (const l of classLines.slice(0, opts.limit)) {
      const path = join(opts.root, 'val', l.file);
      if (!(statSync(path, { throwIfNoEntry: false })?.isFile() ?? false)) {
        throw new InputError(m.valLabelsMissingImage(opts.labelsFile, l.line, path));
      }
      entries.push({ name: `val/${l.file}`, path, label });
    }
  });
  return entries;
}

/** Reads the labels file, failing with its path when it is missing. */
export function readValLabels(labelsFile: string): Buffer {
  if (!(statSync(labelsFile, { throwIfNoEntry: false })?.isFile() ?? false)) {
    throw new InputError(messages.fileNotFound(labelsFile, 'the dataset.valLabels file'));
  }
  return readFileSync(labelsFile);
}

/** True when val/ has class folders; false for the flat layout. */
export function valIsPerClass(root: string): boolean {
  const valFolder = join(root, 'val');
  checkFolder({ folder: valFolder, howToGet: IMAGENET_LAYOUT });
  return listSubfolders(valFolder).length > 0;
}
