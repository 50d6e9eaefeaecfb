/** Number formats shared by every table, so the markdown, LaTeX and HTML agree digit for digit. */
import type { Spread, Interval } from './stats.js';

/** Two decimals: error rates in percent and effects in points. */
export function fixed(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '-' : v.toFixed(digits);
}

/** "mean ± std (n seeds)"; `pm` is the plus-minus sign of the target format. */
export function meanStd(s: Spread | null, pm = '±', digits = 2): string {
  if (!s) return '-';
  return `${s.mean.toFixed(digits)} ${pm} ${s.std.toFixed(digits)}`;
}

export function interval(i: Pick<Interval, 'low' | 'high'> | null | undefined, digits = 2): string {
  if (!i || !Number.isFinite(i.low) || !Number.isFinite(i.high)) return '-';
  return `[${i.low.toFixed(digits)}, ${i.high.toFixed(digits)}]`;
}

export const METRIC_NAME = { top1: 'top-1', top5: 'top-5' } as const;

/** A bound that may be infinite (a censored time): "inf" and "-inf" rather than a dash. */
export function bound(v: number, digits = 2): string {
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  return v.toFixed(digits);
}

/** An interval whose ends may be infinite: "[1.20, inf]". */
export function openInterval(i: { low: number; high: number } | null | undefined, digits = 2): string {
  return i ? `[${bound(i.low, digits)}, ${bound(i.high, digits)}]` : '-';
}

/** The mean of a claim interval: one number, or the range its censored bounds allow ("at least 2.10"). */
export function claimMean(i: { meanLow: number; meanHigh: number } | null | undefined, digits = 2): string {
  if (!i) return '-';
  if (i.meanLow === i.meanHigh) return i.meanLow.toFixed(digits);
  // A ratio's unbounded lower end is exp(-inf) = 0.
  const lowOpen = !Number.isFinite(i.meanLow) || i.meanLow === 0;
  const highOpen = !Number.isFinite(i.meanHigh);
  if (lowOpen && highOpen) return 'unbounded';
  if (highOpen) return `at least ${i.meanLow.toFixed(digits)}`;
  if (lowOpen) return `at most ${i.meanHigh.toFixed(digits)}`;
  return `${i.meanLow.toFixed(digits)} to ${i.meanHigh.toFixed(digits)}`;
}
