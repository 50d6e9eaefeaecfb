/**
 * Compare tolerances. Three kinds of metric:
 *  - error rates (fractions): absolute, in percentage points. With one seed per variant a
 *    fixed `errorPoints`; with several, max(errorFloorPoints, seedSpreadK * std over the
 *    baseline's seeds of that variant): the measured noise, not a guess.
 *  - loss: relative, with the same seed-spread rule (k * std) when there are several seeds.
 *  - throughput: relative drop allowed (`throughputDrop`), only slower is a regression.
 * Weight hashes are compared exactly on bit-exact engines (exactWeights).
 */
import type { RegressionSpec } from '../experiment/types.js';

export const DEFAULT_REGRESSION: Required<RegressionSpec> = {
  // 2 points: one seed cannot tell a real change from seed noise below that at CI sizes.
  errorPoints: 2,
  // 3 std: a one-sided false alarm rate well under 1% if seed noise is roughly normal.
  seedSpreadK: 3,
  // 0.5 points: three seeds can agree by chance; a zero spread must not make any change fail.
  errorFloorPoints: 0.5,
  // 0.5: shared CI runners vary by up to 2x in speed; only a collapse should fail.
  throughputDrop: 0.5,
  exactWeights: true,
};

/** Relative loss tolerance with one seed (10%), and its floor with several (2%). */
const LOSS_RELATIVE = 0.1;
const LOSS_FLOOR_RELATIVE = 0.02;

export type MetricKind = 'error' | 'loss' | 'throughput';

export function metricKind(name: string): MetricKind {
  if (name === 'imagesPerSecond') return 'throughput';
  if (name.endsWith('.loss')) return 'loss';
  return 'error';
}

export interface Tolerance {
  /** Largest allowed worsening, in the metric's own unit (fraction, loss or images/s). */
  allowed: number;
  /** How it was derived, for the report. */
  rule: string;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleStd(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

export interface ToleranceInput {
  name: string;
  baselineValue: number;
  /** The baseline's values of this metric over the seeds of the same variant. */
  seedValues: number[];
  spec?: RegressionSpec;
}

export function toleranceFor({ name, baselineValue, seedValues, spec }: ToleranceInput): Tolerance {
  const r = { ...DEFAULT_REGRESSION, ...spec };
  const kind = metricKind(name);
  if (kind === 'throughput') return { allowed: r.throughputDrop * baselineValue, rule: `-${r.throughputDrop * 100}%` };
  const severalSeeds = seedValues.length >= 2;
  const std = sampleStd(seedValues);
  if (kind === 'loss') {
    if (!severalSeeds) return { allowed: LOSS_RELATIVE * Math.abs(baselineValue), rule: `+${LOSS_RELATIVE * 100}%` };
    const floor = LOSS_FLOOR_RELATIVE * Math.abs(baselineValue);
    return { allowed: Math.max(floor, r.seedSpreadK * std), rule: `max(${LOSS_FLOOR_RELATIVE * 100}%, ${r.seedSpreadK}σ of ${seedValues.length} seeds)` };
  }
  if (!severalSeeds) return { allowed: r.errorPoints / 100, rule: `+${r.errorPoints} pt` };
  const allowed = Math.max(r.errorFloorPoints / 100, r.seedSpreadK * std);
  return { allowed, rule: `max(${r.errorFloorPoints} pt, ${r.seedSpreadK}σ of ${seedValues.length} seeds)` };
}

/** How much worse `value` is than `baseline`: positive = worse (higher error/loss, lower throughput). */
export function worsening(name: string, baseline: number, value: number): number {
  return metricKind(name) === 'throughput' ? baseline - value : value - baseline;
}
