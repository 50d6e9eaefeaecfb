/**
 * The fingerprint of a data set read from files: sha256 over exactly the bytes read, so
 * two runs compare only if they saw the same files. Names and sizes go in too, so swapping
 * two files (train for test) changes it even when contents are reused.
 */
import { createHash } from 'node:crypto';

export interface ReadFile {
  /** Base name inside the data folder; the folder itself is left out so moving it keeps the fingerprint. */
  name: string;
  bytes: Uint8Array;
}

export interface FingerprintOptions {
  /**
   * What part of the files was used, e.g. "train:first 1000". Limits change the data a run
   * sees without changing the files, so they must change the fingerprint too.
   */
  selection?: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function fingerprintFiles(files: readonly ReadFile[], opts: FingerprintOptions = {}): string {
  // Sorted by name so the order the loader happened to read in does not matter.
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = createHash('sha256');
  for (const file of sorted) hash.update(`${file.name}\0${file.bytes.length}\0${sha256Hex(file.bytes)}\n`);
  if (opts.selection !== undefined) hash.update(`selection\0${opts.selection}\n`);
  return `sha256:${hash.digest('hex')}`;
}
