/**
 * Whether an experiment reproduces a claim's setting (and so may get a magnitude verdict),
 * and the protocol line each claim row prints: data set and subset, net and input size,
 * epochs, seeds, what was measured, beside the paper's own protocol.
 */
import type { ClaimSetting } from '../paper/reference.js';
import type { ReportRun } from './results-view.js';

export interface Comparability {
  comparable: boolean;
  /** The experiment's data set in words, e.g. "synthetic (10 classes)". */
  dataset: string;
  /** Why not, in words; empty when comparable. */
  why: string;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** "a, b" of the distinct values, "unknown" for missing ones. */
function listOf(values: (string | number | null)[]): string {
  return distinct(values.map((v) => (v === null ? 'unknown' : String(v)))).join(', ');
}

/** A data set in words: "synthetic (10 classes)"; "an unknown data set" when run.json does not say. */
export function datasetText(format: string | null, classes: number | null): string {
  return `${format ?? 'an unknown data set'}${classes === null ? '' : ` (${classes} classes)`}`;
}

export function datasetLabel(runs: readonly ReportRun[]): string {
  return distinct(runs.map((r) => datasetText(r.setting.dataset.format, r.setting.dataset.classes))).join(', ');
}

/** The paper's setting against the runs of one contrast: every run must match it. */
export function claimComparability(setting: ClaimSetting, runs: readonly ReportRun[]): Comparability {
  const dataset = datasetLabel(runs);
  const problems: string[] = [];
  if (!runs.every((r) => r.setting.dataset.format !== null && setting.formats.includes(r.setting.dataset.format))) problems.push(`the data set is ${dataset}, not ${setting.dataset}`);
  else if (!runs.every((r) => (r.setting.dataset.classes ?? 0) >= setting.minClasses)) problems.push(`fewer than ${setting.minClasses} classes`);
  if (!runs.every((r) => r.setting.dataset.fullTrainSet)) problems.push('a subset of the training set');
  if (!runs.every((r) => r.setting.variant !== null && setting.variants.includes(r.setting.variant))) {
    problems.push(`the net is ${listOf(runs.map((r) => r.setting.net))}, not ${setting.net}`);
  }
  return { comparable: problems.length === 0, dataset, why: problems.join('; ') };
}

function range(values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  if (known.length === 0) return 'unknown';
  const [lo, hi] = [Math.min(...known), Math.max(...known)];
  return lo === hi ? String(lo) : `${lo}-${hi}`;
}

const inputText = (size: string) => (size === 'unknown' ? 'input size unknown' : `input ${size} px`);

/** The protocol of a claim row, from the runs it used. `measure` says what was compared. */
export function protocolText(runs: readonly ReportRun[], seeds: number, measure: string): string {
  const subsets = listOf(runs.map((r) => r.setting.dataset.subset));
  const nets = listOf(runs.map((r) => r.setting.net));
  return [
    `data: ${datasetLabel(runs)}, ${subsets}`,
    `net: ${nets}, ${inputText(range(runs.map((r) => r.setting.inputSize)))}`,
    `epochs: ${range(runs.map((r) => r.setting.epochs))}`,
    `seeds: ${seeds}`,
    measure,
  ].join('; ');
}
