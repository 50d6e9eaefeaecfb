/** Summary statistics over seeds and Student-t intervals for paired differences. */

export interface Spread {
  n: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
  min: number;
  max: number;
}

export interface Interval {
  n: number;
  mean: number;
  low: number;
  high: number;
  /** Half the interval's width; Infinity below 2 values. */
  halfWidth: number;
}

// Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom (standard tables).
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function tQuantile975(df: number): number {
  if (df < 1) return Infinity;
  // Beyond 30 degrees of freedom the normal quantile is within 2% of t.
  return df <= 30 ? T975[df - 1]! : 1.96;
}

export function spread(values: readonly number[]): Spread | null {
  if (values.length === 0) return null;
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) : 0;
  return { n, mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

/** 95% t-interval of the mean of `values` (paired differences). */
export function tInterval(values: readonly number[]): Interval | null {
  const s = spread(values);
  if (!s) return null;
  const halfWidth = s.n > 1 ? (tQuantile975(s.n - 1) * s.std) / Math.sqrt(s.n) : Infinity;
  return { n: s.n, mean: s.mean, low: s.mean - halfWidth, high: s.mean + halfWidth, halfWidth };
}

/** One seed's oriented effect: low = high, or a one-sided bound (an infinite end) where a run was censored. */
export interface SeedValue {
  seed: number;
  low: number;
  high: number;
}

/**
 * The interval of an oriented effect over n seeds. Its ends may be infinite (censored times).
 * `meanLow`/`meanHigh`: the mean of the seeds' lower and upper ends (equal without censoring).
 */
export interface ClaimInterval {
  n: number;
  meanLow: number;
  meanHigh: number;
  low: number;
  high: number;
  /** Standard deviation over seeds of the lower and of the upper ends; null for an unbounded end. */
  sdLow: number | null;
  sdHigh: number | null;
}

/**
 * The 95% interval of the mean over seeds: its lower end is the t lower bound of the seeds'
 * lower ends (-inf if any is), its upper end the t upper bound of their upper ends (+inf if
 * any is). Without censoring this is the usual t-interval. Null for no seeds.
 */
export function seedInterval(values: readonly SeedValue[]): ClaimInterval | null {
  if (values.length === 0) return null;
  const lows = values.map((v) => v.low);
  const highs = values.map((v) => v.high);
  const bounded = (xs: number[]) => xs.every(Number.isFinite);
  const lowIv = bounded(lows) ? tInterval(lows)! : null;
  const highIv = bounded(highs) ? tInterval(highs)! : null;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return {
    n: values.length,
    meanLow: mean(lows),
    meanHigh: mean(highs),
    low: lowIv ? lowIv.low : -Infinity,
    high: highIv ? highIv.high : Infinity,
    sdLow: lowIv ? spread(lows)!.std : null,
    sdHigh: highIv ? spread(highs)!.std : null,
  };
}
