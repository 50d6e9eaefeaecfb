/**
 * Question 3 (why ReLU beats saturating units): per experiment that pairs ReLU runs with tanh
 * or sigmoid runs, each activation's time to the training-error target at its own best
 * learning rate (the runs the speed contrasts chose), the ratios (ReLU vs tanh is the
 * paper's Figure 1 claim; ReLU vs sigmoid is not a claim of the paper and says so), and the
 * per-layer gradient norms and saturated fractions of those runs over training steps,
 * median over seeds.
 */
import { loadReference, type ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import { claimContrasts, testClaim } from '../claims.js';
import type { ExperimentResults, ReportRun } from '../results-view.js';
import { timeToTarget } from '../target-time.js';
import { trainTarget } from '../measures.js';
import { median } from '../stats.js';

/** m for the ReLU/sigmoid ratio, which the paper gives no number for: a factor of 1.5 either way (a stated default). */
export const DEFAULT_SPEED_MARGIN = 1.5;

export interface ActivationTimeRow {
  experiment: string;
  activation: string;
  /** The tuned values chosen for this activation, as the contrast printed them; empty without tuning. */
  chosen: string[];
  runs: number;
  reached: number;
  /** Median fractional epochs to the target over the runs, censored runs at their length; `censored`: the median is a lower bound. */
  medianEpochs: number;
  censored: boolean;
  targetPercent: number;
}

export interface SpeedRow {
  experiment: string;
  label: string;
  paperClaim: boolean;
  result: ClaimResult;
}

export interface GradientSeriesPoint {
  experiment: string;
  activation: string;
  layer: string;
  step: number;
  /** Median over the seeds logged at this step; null when none logged the layer. */
  norm: number | null;
  saturation: number | null;
  seeds: number;
}

export interface ActivationStudy {
  times: ActivationTimeRow[];
  speed: SpeedRow[];
  gradients: GradientSeriesPoint[];
}

function speedClaims(): { claim: ReferenceClaim; label: string; paperClaim: boolean }[] {
  const relu = loadReference().claims.find((c) => c.kind === 'speedup');
  if (!relu) return [];
  const sigmoid: ReferenceClaim = {
    ...relu,
    id: 'relu-vs-sigmoid-speed',
    where: 'not a claim of the paper',
    text: 'ReLU reaches the training-error target faster than sigmoid',
    worse: 'sigmoid',
    // c = 2.25x, so that m = c/2 in log units is a factor of 1.5 either way.
    speedup: DEFAULT_SPEED_MARGIN ** 2,
    setting: { dataset: '-', net: '-', formats: [], minClasses: 0, variants: [], protocol: 'the paper gives no number for sigmoid' },
  };
  return [
    { claim: relu, label: 'ReLU vs tanh (the paper\'s Figure 1 claim)', paperClaim: true },
    { claim: sigmoid, label: 'ReLU vs sigmoid (not a claim of the paper)', paperClaim: false },
  ];
}

function timeRow(experiment: string, activation: string, runs: ReportRun[], chosen: string[]): ActivationTimeRow {
  const target = trainTarget();
  const times = runs.map((r) => timeToTarget(r, target)!);
  const m = median(times.map((t) => t.epochs));
  return {
    experiment,
    activation,
    chosen: [...new Set(chosen.filter((c) => c.includes(`activation=${activation}:`)))],
    runs: runs.length,
    reached: times.filter((t) => !t.censored).length,
    medianEpochs: m,
    censored: times.some((t) => t.censored && t.epochs <= m),
    targetPercent: target * 100,
  };
}

function gradientSeries(experiment: string, activation: string, runs: ReportRun[]): GradientSeriesPoint[] {
  const cells = new Map<string, { layer: string; step: number; norms: number[]; saturation: number[]; seeds: Set<number> }>();
  for (const r of runs) {
    for (const g of r.facts.gradients) {
      for (const layer of new Set([...Object.keys(g.norms), ...Object.keys(g.saturation)])) {
        const key = `${layer}\u0000${g.step}`;
        const cell = cells.get(key) ?? { layer, step: g.step, norms: [], saturation: [], seeds: new Set<number>() };
        if (layer in g.norms) cell.norms.push(g.norms[layer]!);
        if (layer in g.saturation) cell.saturation.push(g.saturation[layer]!);
        cell.seeds.add(r.seed);
        cells.set(key, cell);
      }
    }
  }
  return [...cells.values()]
    .sort((a, b) => layerOrder(a.layer, b.layer) || a.step - b.step)
    .map((c) => ({ experiment, activation, layer: c.layer, step: c.step, norm: c.norms.length ? median(c.norms) : null, saturation: c.saturation.length ? median(c.saturation) : null, seeds: c.seeds.size }));
}

/** Layers in the net's order: by the number they end in (conv1 .. conv5, fc6 .. fc8), then by name. */
export function layerOrder(a: string, b: string): number {
  const n = (s: string) => Number(/(\d+)$/.exec(s)?.[1] ?? Infinity);
  return n(a) - n(b) || (a < b ? -1 : a > b ? 1 : 0);
}

function experimentStudy(e: ExperimentResults): ActivationStudy {
  const sides = new Map<string, Map<string, ReportRun>>();
  const chosen: string[] = [];
  const speed: SpeedRow[] = [];
  for (const s of speedClaims()) {
    const c = claimContrasts(s.claim, e);
    if (c.pairs.length === 0) continue;
    chosen.push(...c.chosen);
    for (const p of c.pairs) {
      for (const [activation, run] of [[String(s.claim.better), p.better], [String(s.claim.worse), p.worse]] as const) {
        sides.set(activation, (sides.get(activation) ?? new Map()).set(run.runId, run));
      }
    }
    const result = testClaim(s.claim, e);
    if (result) speed.push({ experiment: e.name, label: s.label, paperClaim: s.paperClaim, result });
  }
  const order = ['relu', 'tanh', 'sigmoid'].filter((a) => sides.has(a));
  return {
    times: order.map((a) => timeRow(e.name, a, [...sides.get(a)!.values()], chosen)),
    speed,
    gradients: order.flatMap((a) => gradientSeries(e.name, a, [...sides.get(a)!.values()])),
  };
}

export function activationStudy(experiments: readonly ExperimentResults[]): ActivationStudy {
  const parts = experiments.map(experimentStudy);
  return { times: parts.flatMap((p) => p.times), speed: parts.flatMap((p) => p.speed), gradients: parts.flatMap((p) => p.gradients) };
}
