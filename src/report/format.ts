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
