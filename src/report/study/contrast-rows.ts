/**
 * The rows of Questions 1 and 2: for each technique an experiment switches on and off, the
 * top-1 error it removes, seed by seed, with its 95% interval and a verdict. Where the paper
 * gives a number for the contrast, the row is that claim's row (the same pairing, tuning,
 * margin and verdict as the claims table); where it gives none, the report states its own
 * margin, DEFAULT_MARGIN_POINTS, and says so. Top-1 only: top-5 error on 10 classes is
 * near zero and says little.
 */
import { loadReference, type ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import { testClaim } from '../claims.js';
import type { ExperimentResults } from '../results-view.js';

/** m, in points of top-1 error, where the paper gives no number: half a point either way counts as no effect. */
export const DEFAULT_MARGIN_POINTS = 0.5;

export interface Technique {
  axis: string;
  better: unknown;
  worse: unknown;
  /** The contrast in words, the paper's (or the later) choice first. */
  label: string;
  /** The two sides in words ("random crops", "the centre crop"). */
  betterName: string;
  worseName: string;
}

/** Question 1: the paper's techniques, each against its absence (or the paper's alternative). */
export const PAPER_TECHNIQUES: readonly Technique[] = [
  { axis: 'randomCrop', better: true, worse: false, label: 'random crops vs the centre crop', betterName: 'random crops', worseName: 'the centre crop' },
  { axis: 'flip', better: true, worse: false, label: 'flips vs none', betterName: 'flips', worseName: 'no flips' },
  { axis: 'lighting', better: true, worse: false, label: 'PCA lighting vs none', betterName: 'PCA lighting', worseName: 'no lighting' },
  { axis: 'dropout', better: 0.5, worse: 0, label: 'dropout 0.5 vs none', betterName: 'dropout 0.5', worseName: 'no dropout' },
  { axis: 'activation', better: 'relu', worse: 'tanh', label: 'ReLU vs tanh', betterName: 'ReLU', worseName: 'tanh' },
  { axis: 'activation', better: 'relu', worse: 'sigmoid', label: 'ReLU vs sigmoid', betterName: 'ReLU', worseName: 'sigmoid' },
  { axis: 'normalization', better: 'lrn', worse: 'none', label: 'LRN vs none', betterName: 'LRN', worseName: 'no normalization' },
  { axis: 'pooling', better: 'overlapping', worse: 'non-overlapping', label: 'overlapping vs non-overlapping pooling', betterName: 'overlapping pooling', worseName: 'non-overlapping pooling' },
  { axis: 'variant', better: 'paper', worse: 'paper-one-tower', label: '2 towers vs 1 with half the kernels', betterName: '2 towers', worseName: '1 tower with half the kernels' },
  { axis: 'towers', better: 2, worse: 1, label: '2 towers vs 1, same kernels (not the paper\'s comparison)', betterName: '2 towers', worseName: '1 tower with the same kernels' },
];

/** Question 2: later techniques, each against the paper's recipe without it. */
export const LATER_TECHNIQUES: readonly Technique[] = [
  { axis: 'weightDecay', better: 0.0005, worse: 0, label: 'weight decay 5e-4 vs none', betterName: 'weight decay 5e-4', worseName: 'no weight decay' },
  { axis: 'normalization', better: 'batchnorm', worse: 'lrn', label: 'batch norm instead of LRN', betterName: 'batch norm', worseName: 'LRN' },
  { axis: 'normalization', better: 'lrn+batchnorm', worse: 'lrn', label: 'LRN with batch norm vs LRN alone', betterName: 'LRN with batch norm', worseName: 'LRN alone' },
  { axis: 'normalization', better: 'batchnorm', worse: 'none', label: 'batch norm vs no normalization', betterName: 'batch norm', worseName: 'no normalization' },
];

export interface ContrastRow {
  question: 1 | 2;
  label: string;
  betterName: string;
  worseName: string;
  axis: string;
  /** The claim row: effect (points of top-1 error removed), 95% interval, n seeds, verdict, protocol. */
  result: ClaimResult;
  /** Where m comes from, in words. */
  marginSource: string;
}

const pointsText = (n: number) => `${n} point${n === 1 ? '' : 's'}`;
const valueText = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** A claim the report makes for a contrast the paper gives no number for: c = 2m, never comparable. */
export function ownClaim(t: Technique): ReferenceClaim {
  return {
    id: `${t.axis}-${valueText(t.better)}-vs-${valueText(t.worse)}`,
    axis: t.axis,
    where: 'not a claim of the paper',
    text: t.label,
    kind: 'error-difference',
    better: t.better,
    worse: t.worse,
    metric: 'top1',
    deltaPoints: -2 * DEFAULT_MARGIN_POINTS,
    tuneOver: ['learningRate'],
    setting: { dataset: '-', net: '-', formats: [], minClasses: 0, variants: [], protocol: 'the paper gives no number for this contrast' },
  };
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The paper's top-1 error claims on this contrast, the one about the experiment's own net first. */
function paperClaims(t: Technique, e: ExperimentResults): ReferenceClaim[] {
  const claims = loadReference().claims.filter((c) => c.kind === 'error-difference' && c.metric === 'top1' && c.axis === t.axis && sameValue(c.better, t.better) && sameValue(c.worse, t.worse));
  const nets = new Set(e.runs.map((r) => r.setting.declaredVariant));
  const own = (c: ReferenceClaim) => c.setting.variants.some((v) => nets.has(v));
  return [...claims.filter(own), ...claims.filter((c) => !own(c))];
}

function row(question: 1 | 2, t: Technique, e: ExperimentResults): ContrastRow | null {
  const claim = paperClaims(t, e)[0];
  if (claim) {
    const result = testClaim(claim, e);
    return result && { question, label: t.label, betterName: t.betterName, worseName: t.worseName, axis: t.axis, result, marginSource: `m = half the paper's ${pointsText(-claim.deltaPoints!)} (${claim.id}, ${claim.where})` };
  }
  const result = testClaim(ownClaim(t), e);
  return result && { question, label: t.label, betterName: t.betterName, worseName: t.worseName, axis: t.axis, result, marginSource: `m = ${pointsText(DEFAULT_MARGIN_POINTS)}, a stated default: the paper gives no number` };
}

/** The rows of one question over every experiment that pairs runs on a technique's axis. */
export function contrastRows(question: 1 | 2, experiments: readonly ExperimentResults[]): ContrastRow[] {
  const techniques = question === 1 ? PAPER_TECHNIQUES : LATER_TECHNIQUES;
  return techniques.flatMap((t) => experiments.map((e) => row(question, t, e)).filter((r): r is ContrastRow => r !== null));
}
