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

/**
 * Where the paper measured a claim, and what an experiment must match to test its size.
 * An experiment that matches (its data set format, at least `minClasses` classes, the full
 * training set, and every run one of `variants`) gets magnitude verdicts; any other gets
 * verdicts on the direction of the effect only.
 */
export interface ClaimSetting {
  /** The data set, as the paper names it ("ILSVRC-2012", "CIFAR-10"). */
  dataset: string;
  /** The net, in words. */
  net: string;
  /** Experiment `dataset.format` values that are this data set. */
  formats: string[];
  minClasses: number;
  /** Model variants (src/models/variants.ts) of the paper's runs. */
  variants: string[];
  /** The paper's protocol in one sentence, printed beside each verdict. */
  protocol: string;
}

export interface ReferenceClaim {
  id: string;
  /** The matrix axis the claim varies ("normalization", "activation", "variant", ...). */
  axis: string;
  where: string;
  text: string;
  /** 'ensemble': the error of nets averaged against single nets (`nets` of them; `bench eval --ensemble`). */
  kind: 'error-difference' | 'speedup' | 'qualitative' | 'ensemble';
  /** Axis value the paper says is better, and the one it is compared against. */
  better?: unknown;
  worse?: unknown;
  metric?: 'top1' | 'top5';
  /** Claimed change in error, percentage points (better minus worse). */
  deltaPoints?: number;
  /** The claim is "at least this much" (PCA lighting: "more than 1 point"). */
  atLeast?: boolean;
  /** The paper's absolute numbers, where it gives them (percent error). */
  absolute?: { without: number; with: number };
  targetTrainError?: number;
  speedup?: number;
  /**
   * Axes tuned separately for each side before the contrast (the paper chose each
   * activation's learning rate to train fastest).
   */
  tuneOver?: string[];
  /** Ensemble claims: how many nets the paper averaged. */
  nets?: number;
  /**
   * False where the paper's two numbers come from another contrast than the one an
   * experiment can run (the 7-CNN row: two of the seven nets were pre-trained on another
   * data set), so no experiment gets a magnitude verdict on it.
   */
  sameContrast?: boolean;
  setting: ClaimSetting;
}

export interface PaperReference {
  version: 1;
  source: string;
  defaultRow: string;
  rows: ReferenceRow[];
  claims: ReferenceClaim[];
  /** The paper's training run: epochs, the training images per epoch, days taken and the throughput that implies. */
  training: { where: string; text: string; epochs: number; trainImages: number; days: number[]; imagesPerSecond: number };
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

/** The row with this id (default: the paper's single net, Table 2); `where` names the field for errors. */
export function referenceRow(id: string | undefined, where: string): ReferenceRow {
  const ref = loadReference();
  const want = id ?? ref.defaultRow;
  const row = ref.rows.find((r) => r.id === want);
  if (!row) throw new InputError(`${where}: ${JSON.stringify(want)} is not a reference row; use ${oneOf(referenceIds())}`);
  return row;
}
