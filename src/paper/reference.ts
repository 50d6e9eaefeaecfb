/**
 * The paper's numbers (src/paper/paper-reference.json) with a typed loader. The JSON file
 * is the one source; it is read from the package root so that src/ and dist/ share it.
 * WHY its own folder: experiments name a row (validated by the harness) and reports
 * compare against it; neither should depend on the other for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, oneOf } from '../core/errors.js';
import { PACKAGE_ROOT } from '../core/package-root.js';

export interface ReferenceRow {
  id: string;
  label: string;
  /** Table or section of the paper (or the third party's page). */
  where: string;
  dataset: string;
  model: string;
  /** Nets averaged: 1 single net, 5 or 7 an ensemble, 0 a non-CNN baseline. */
  nets: number;
  split: 'val' | 'test';
  crop: 'centre' | 'ten-crop';
  /** Error rates in percent; null where the paper gives none. */
  top1: number | null;
  top5: number | null;
  thirdParty: boolean;
}

export interface ReferenceClaim {
  id: string;
  axis: string;
  where: string;
  text: string;
  kind: 'error-difference' | 'speedup' | 'qualitative';
  /** Axis value the paper says is better, and the one it is compared against. */
  better?: unknown;
  worse?: unknown;
  metric?: 'top1' | 'top5';
  /** Claimed change in error, percentage points (better minus worse). */
  deltaPoints?: number;
  /** The claim is "at least this much" (PCA lighting: "more than 1 point"). */
  atLeast?: boolean;
  targetTrainError?: number;
  speedup?: number;
  /** Data set formats (experiment `dataset.format`) the claim is about; absent: any. */
  datasets?: string[];
}

export interface PaperReference {
  version: 1;
  source: string;
  defaultRow: string;
  rows: ReferenceRow[];
  claims: ReferenceClaim[];
  training: { where: string; text: string; epochs: number; days: number[]; imagesPerSecond: number };
}

/** src/paper/ and dist/paper/ both sit two levels below the package root. */
export const REFERENCE_PATH = join(PACKAGE_ROOT, 'src', 'paper', 'paper-reference.json');

let cached: PaperReference | null = null;

export function loadReference(): PaperReference {
  cached ??= JSON.parse(readFileSync(REFERENCE_PATH, 'utf8')) as PaperReference;
  return cached;
}

export function referenceIds(): string[] {
  return loadReference().rows.map((r) => r.id);
}

/** The row with this id (default: the 5-CNN 16.4% row); `where` names the field for errors. */
export function referenceRow(id: string | undefined, where: string): ReferenceRow {
  const ref = loadReference();
  const want = id ?? ref.defaultRow;
  const row = ref.rows.find((r) => r.id === want);
  if (!row) throw new InputError(`${where}: ${JSON.stringify(want)} is not a reference row; use ${oneOf(referenceIds())}`);
  return row;
}
