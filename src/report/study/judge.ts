/**
 * The direction-only rule (verdict.ts) applied to per-seed values the study computes itself
 * (generalisation gaps, ten-crop gains, times to a target), labelled with the data set as
 * every direction verdict is.
 */
import { fixed } from '../format.js';
import { seedInterval, type ClaimInterval, type SeedValue } from '../stats.js';
import { directionVerdict, type Verdict } from '../verdict.js';

export interface Judged {
  /** In display units (a ratio for 'x'); null below 1 seed. */
  measured: ClaimInterval | null;
  verdict: Verdict;
  verdictText: string;
  note: string;
}

export interface JudgeOptions {
  /** m in the values' units (log units for ratios). */
  margin: number;
  /** 'points': values are points; 'x': values are log ratios, shown as ratios. */
  unit: 'points' | 'x';
  /** The data set in words, for the verdict's label. */
  dataset: string;
}

export function marginText(margin: number, unit: 'points' | 'x'): string {
  return unit === 'x' ? `a factor of ${fixed(Math.exp(margin))} either way` : `+-${fixed(margin)} points`;
}

function display(iv: ClaimInterval, unit: 'points' | 'x'): ClaimInterval {
  if (unit === 'points') return iv;
  return { ...iv, meanLow: Math.exp(iv.meanLow), meanHigh: Math.exp(iv.meanHigh), low: Math.exp(iv.low), high: Math.exp(iv.high) };
}

/** Direction verdict over seeds: "same direction" when the interval is above zero, and so on. */
export function judgeDirection(values: readonly SeedValue[], opts: JudgeOptions): Judged {
  const iv = seedInterval(values);
  if (!iv || iv.n < 2) return { measured: iv && display(iv, opts.unit), verdict: 'not tested', verdictText: 'not tested', note: `${values.length} seed(s) with both sides measured; needs at least 2` };
  const text = marginText(opts.margin, opts.unit);
  const d = directionVerdict(iv, opts.margin, text);
  const within = d.verdict === 'no effect detected' ? ` within ${text}` : '';
  return { measured: display(iv, opts.unit), verdict: d.verdict, verdictText: `${d.verdict}${within} (direction only, on ${opts.dataset})`, note: d.note };
}
