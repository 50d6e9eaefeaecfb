/**
 * Contrasts over one axis with the seed as the unit of replication. Runs that differ only in
 * the axis (same engine, seed and every other axis) are paired; each pair gives an oriented
 * value; the values of one seed (several contexts, e.g. both activations) are averaged, so
 * n is the number of seeds: pairs that share a seed share its init and data-order streams
 * and are not independent. Axes named in `tuneOver` are chosen per side first.
 */
import { runGap } from './aggregate.js';
import type { ExperimentResults, ReportRun } from './results-view.js';
import { median, type SeedValue } from './stats.js';

/** The run's axes in today's terms: results written before `normalization` existed record LRN as `lrn: true/false`. */
export function effectiveAxes(run: Pick<ReportRun, 'axes'>): Record<string, unknown> {
  const axes = { ...run.axes };
  if (typeof axes.lrn === 'boolean' && !('normalization' in axes)) {
    axes.normalization = axes.lrn ? 'lrn' : 'none';
    delete axes.lrn;
  }
  return axes;
}

export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

const valueText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));

/** "k=v,k=v" of the given axes, sorted; "base" for none. */
export function axesText(axes: Record<string, unknown>): string {
  return Object.keys(axes).sort().map((k) => `${k}=${valueText(axes[k])}`).join(',') || 'base';
}

export interface ContrastSpec {
  axis: string;
  better: unknown;
  worse: unknown;
  tuneOver?: readonly string[];
  /** Lower is better: the measure tuning minimises (required with tuneOver). */
  tuneMeasure?: (run: ReportRun) => number;
  /**
   * Breaks ties of the tuning measure (lower is better), e.g. when every rate of a side is
   * censored at the run length: the value whose runs did best otherwise wins the tie.
   */
  tuneTieBreak?: (run: ReportRun) => number;
  /** How a tuning median prints ("3.20 epochs"). */
  tuneText?: (median: number) => string;
  /** The oriented value of one pair; null when a run lacks the measure. */
  contrast: (better: ReportRun, worse: ReportRun) => { low: number; high: number } | null;
}

export interface Pair {
  seed: number;
  context: string;
  better: ReportRun;
  worse: ReportRun;
}

export interface Contrasts {
  /** One value per seed, averaged over the contexts that seed has. */
  values: SeedValue[];
  contexts: string[];
  pairs: Pair[];
  /** Per context and side, the tuned values chosen and their medians. */
  chosen: string[];
}

/** Ties go to the smaller value, compared axis by axis. */
function smaller(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (sameValue(x, y)) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return JSON.stringify(x) < JSON.stringify(y) ? -1 : 1;
  }
  return 0;
}

/** The side's runs at its tuned values (all of them without tuning), and a line saying what was chosen. */
function tuneSide(runs: ReportRun[], spec: ContrastSpec, label: string): { runs: ReportRun[]; chosen: string | null } {
  // Only the tuning axes this experiment varies; without any, every run stands (one value per side).
  const tune = (spec.tuneOver ?? []).filter((a) => runs.some((r) => a in effectiveAxes(r)));
  if (tune.length === 0 || runs.length === 0) return { runs, chosen: null };
  const groups = new Map<string, ReportRun[]>();
  for (const r of runs) {
    const key = JSON.stringify(tune.map((a) => effectiveAxes(r)[a]));
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const tie = spec.tuneTieBreak;
  const ranked = [...groups].map(([key, rs]) => ({
    values: JSON.parse(key) as unknown[], rs, median: median(rs.map(spec.tuneMeasure!)), tieMedian: tie ? median(rs.map(tie)) : 0,
  }));
  ranked.sort((a, b) => a.median - b.median || a.tieMedian - b.tieMedian || smaller(a.values, b.values));
  const best = ranked[0]!;
  const values = tune.map((a, i) => `${a}=${valueText(best.values[i])}`).join(',');
  const tried = ranked.length;
  return { runs: best.rs, chosen: `${label}: ${values} (median ${spec.tuneText ? spec.tuneText(best.median) : best.median}; best of ${tried})` };
}

/**
 * Which side a run's axis value is on. A switch (better true, worse false) is on for any
 * value but false or null: PCA lighting with a data set's own eigen-pairs (an object) is
 * lighting on, and early stopping's settings object is early stopping on.
 */
function sideOf(value: unknown, spec: Pick<ContrastSpec, 'better' | 'worse'>): 'better' | 'worse' | null {
  if (sameValue(value, spec.worse)) return 'worse';
  if (sameValue(value, spec.better)) return 'better';
  const isSwitch = spec.better === true && spec.worse === false;
  return isSwitch && value !== null && value !== undefined && typeof value === 'object' ? 'better' : null;
}

/** Every seed's averaged contrast over `spec.axis` within one experiment. */
export function seedContrasts(e: ExperimentResults, spec: ContrastSpec): Contrasts {
  const tune = new Set(spec.tuneOver ?? []);
  const engines = new Set(e.runs.map((r) => r.engine)).size;
  const groups = new Map<string, { context: string; better: ReportRun[]; worse: ReportRun[] }>();
  for (const r of e.runs.filter((x) => runGap(x) === null)) {
    const axes = effectiveAxes(r);
    if (!(spec.axis in axes)) continue;
    const side = sideOf(axes[spec.axis], spec);
    if (!side) continue;
    const rest = Object.fromEntries(Object.entries(axes).filter(([k]) => k !== spec.axis && !tune.has(k)));
    if (engines > 1) rest.engine = r.engine;
    const context = axesText(rest);
    const g = groups.get(context) ?? { context, better: [], worse: [] };
    g[side].push(r);
    groups.set(context, g);
  }
  const pairs: Pair[] = [];
  const chosen: string[] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.context < b.context ? -1 : a.context > b.context ? 1 : 0))) {
    if (g.better.length === 0 || g.worse.length === 0) continue;
    const prefix = g.context === 'base' ? '' : `${g.context}, `;
    const b = tuneSide(g.better, spec, `${prefix}${spec.axis}=${valueText(spec.better)}`);
    const w = tuneSide(g.worse, spec, `${prefix}${spec.axis}=${valueText(spec.worse)}`);
    chosen.push(...[b.chosen, w.chosen].filter((c): c is string => c !== null));
    for (const br of b.runs.sort((x, y) => x.seed - y.seed)) {
      const wr = w.runs.find((x) => x.seed === br.seed);
      if (wr) pairs.push({ seed: br.seed, context: g.context, better: br, worse: wr });
    }
  }
  return { ...averageBySeed(pairs, spec), pairs, chosen };
}

function averageBySeed(pairs: Pair[], spec: ContrastSpec): { values: SeedValue[]; contexts: string[] } {
  const bySeed = new Map<number, { low: number; high: number }[]>();
  const contexts = new Set<string>();
  for (const p of pairs) {
    const v = spec.contrast(p.better, p.worse);
    if (!v) continue;
    contexts.add(p.context);
    bySeed.set(p.seed, [...(bySeed.get(p.seed) ?? []), v]);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const values = [...bySeed].sort(([a], [b]) => a - b).map(([seed, vs]) => ({ seed, low: mean(vs.map((v) => v.low)), high: mean(vs.map((v) => v.high)) }));
  return { values, contexts: [...contexts].sort() };
}
