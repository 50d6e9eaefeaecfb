/**
 * Reading a data set's files from one folder, with the errors a user can act on: the
 * folder or some files missing, each naming the path and how to get the data.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ReadFile } from './fingerprint.js';
import { dataMessages as m } from './messages.js';

export interface FolderFile extends ReadFile {
  /** Full path, for error messages. */
  path: string;
}

export interface DataFolderOptions {
  folder: string;
  /** Sentence telling the user how to get the files, e.g. the apt-get line. */
  howToGet: string;
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Fails unless `folder` is an existing folder. */
export function checkFolder(opts: DataFolderOptions): void {
  const stat = statSync(opts.folder, { throwIfNoEntry: false });
  if (stat === undefined) throw new InputError(m.missingFolder(opts.folder, opts.howToGet));
  if (!stat.isDirectory()) throw new InputError(m.notAFolder(opts.folder, opts.howToGet));
}

/**
 * For each wanted file, the first of its accepted names that exists (e.g. "x.gz" then "x").
 * Reports every missing file at once, so the user fixes the folder in one go.
 */
export function locateFiles(opts: DataFolderOptions, alternatives: readonly (readonly string[])[]): string[] {
  checkFolder(opts);
  const found: string[] = [];
  const missing: string[] = [];
  for (const names of alternatives) {
    const name = names.find((n) => isFile(join(opts.folder, n)));
    if (name === undefined) missing.push(names.join(' or '));
    else found.push(name);
  }
  if (missing.length > 0) throw new InputError(m.missingFiles(opts.folder, missing, opts.howToGet));
  return found;
}

export function readFolderFile(folder: string, name: string): FolderFile {
  const path = join(folder, name);
  return { name, path, bytes: readFileSync(path) };
}
