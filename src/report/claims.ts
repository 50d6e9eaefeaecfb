/**
 * Claim by claim: the measured effect, its 95% interval over paired seeds, the paper's
 * number and a verdict. The rule (also printed in every report, VERDICT_RULE):
 *
 * - reproduced: the interval lies wholly on the paper's side of "no effect" (zero). Small-scale
 *   runs test the direction of an effect, not its ImageNet size.
 * - contradicted: the interval lies wholly on the other side of half the claimed effect
 *   (the effect is reliably absent, reversed, or less than half the claim).
 * - inconclusive: anything else, with the seeds that would likely decide it.
 */
import type { ReferenceClaim } from '../paper/reference.js';
import type { ExperimentResults, ReportRun } from './results-view.js';
import { pairs, valError } from './aggregate.js';
import { seedsNeeded, tInterval, type Interval } from './stats.js';

export type Verdict = 'reproduced' | 'contradicted' | 'inconclusive' | 'not tested';

export const VERDICT_RULE =
  'Each effect is measured on runs paired by seed (and every other axis), as better-minus-worse ' +
  'error in percentage points (for the ReLU speed claim: the log of the tanh/ReLU ratio of epochs to the target). ' +
  'With its 95% Student-t interval over pairs: "reproduced" when the whole interval lies on the paper\'s side of zero; ' +
  '"contradicted" when the whole interval lies on the far side of half the claimed effect (no effect, a reversed one, ' +
  'or less than half the claim); otherwise "inconclusive", with the number of seeds that would make the interval ' +
  'narrow enough to decide if the spread seen so far holds. Fewer than 2 pairs cannot be tested.';

export interface ClaimResult {
  id: string;
  where: string;
  text: string;
  unit: string;
  paper: number | null;
  measured: Interval | null;
  verdict: Verdict;
  /** Why, in one line; includes the seeds needed when inconclusive. */
  note: string;
}

/** Epoch at which the training top-1 error (a fraction) first reaches the target fraction, or null. */
export function epochsToTarget(run: ReportRun, target: number): { epochs: number; timeMs: number | null } | null {
  const hit = run.epochs.find((p) => p.trainTop1 !== null && p.trainTop1 <= target);
  return hit ? { epochs: hit.epoch, timeMs: hit.elapsedMs } : null;
}

function decide(interval: Interval, claimed: number): { verdict: Verdict; note: string } {
  const sign = Math.sign(claimed);
  const half = claimed / 2;
  // Flip the interval onto the claim's side; flipping a negative claim swaps its ends.
  const lo = Math.min(sign * interval.low, sign * interval.high);
  const hi = Math.max(sign * interval.low, sign * interval.high);
  if (lo > 0) return { verdict: 'reproduced', note: 'interval wholly on the paper\'s side of zero' };
  if (hi < sign * half) return { verdict: 'contradicted', note: 'interval wholly beyond half the claimed effect' };
  const distance = Math.max(Math.abs(interval.mean), Math.abs(interval.mean - half));
  const more = seedsNeeded(interval, distance);
  const need = more === null ? 'the spread is too large (or too few pairs) to estimate the seeds needed' : `about ${more} paired seeds in all (${Math.max(0, more - interval.n)} more) would likely decide it`;
  return { verdict: 'inconclusive', note: `interval spans zero or half the claim; ${need}` };
}

function untested(claim: ReferenceClaim, note: string, unit: string, paper: number | null): ClaimResult {
  return { id: claim.id, where: claim.where, text: claim.text, unit, paper, measured: null, verdict: 'not tested', note };
}

function errorClaim(claim: ReferenceClaim, experiments: ExperimentResults[]): ClaimResult {
  const paper = claim.deltaPoints ?? null;
  const ps = pairs(experiments, claim.axis, claim.better, claim.worse);
  if (ps.length < 2) return untested(claim, `${ps.length} paired run(s) over axis "${claim.axis}"; needs at least 2`, 'points', paper);
  const diffs = ps.map((p) => (valError(p.better, claim.metric!) ?? NaN) - (valError(p.worse, claim.metric!) ?? NaN)).filter(Number.isFinite);
  const interval = tInterval(diffs);
  if (!interval || interval.n < 2) return untested(claim, `metric ${claim.metric} missing in the paired runs`, 'points', paper);
  return { id: claim.id, where: claim.where, text: claim.text, unit: 'points', paper, measured: interval, ...decide(interval, paper!) };
}

function speedClaim(claim: ReferenceClaim, experiments: ExperimentResults[]): ClaimResult {
  const paper = claim.speedup ?? null;
  const ps = pairs(experiments, claim.axis, claim.better, claim.worse);
  const targetFraction = claim.targetTrainError ?? 0.25;
  const target = targetFraction * 100;
  const logs: number[] = [];
  let censored = 0;
  for (const p of ps) {
    const b = epochsToTarget(p.better, targetFraction);
    const w = epochsToTarget(p.worse, targetFraction);
    if (!b || !w) censored++;
    else logs.push(Math.log(w.epochs / b.epochs));
  }
  if (logs.length < 2) return untested(claim, `${logs.length} paired run(s) reached ${target}% training error in both variants (${censored} did not); needs at least 2`, 'x', paper);
  const li = tInterval(logs)!;
  const ratio: Interval = { n: li.n, mean: Math.exp(li.mean), low: Math.exp(li.low), high: Math.exp(li.high), halfWidth: li.halfWidth };
  const d = decide(li, Math.log(paper!));
  return { id: claim.id, where: claim.where, text: claim.text, unit: 'x', paper, measured: ratio, verdict: d.verdict, note: `${d.note}${censored ? `; ${censored} pair(s) never reached the target` : ''}` };
}

export function evaluateClaims(claims: readonly ReferenceClaim[], experiments: ExperimentResults[]): ClaimResult[] {
  return claims.map((c) => {
    if (c.kind === 'qualitative') return untested(c, 'qualitative claim; no single number to test', '', null);
    // A claim about one data set (the paper's CIFAR-10 LRN numbers) is tested only on it.
    const scoped = c.datasets ? experiments.filter((e) => e.datasetFormat !== null && c.datasets!.includes(e.datasetFormat)) : experiments;
    if (scoped.length === 0) return untested(c, `a claim about ${c.datasets!.join(', ')}; no experiment here uses that data set`, c.kind === 'speedup' ? 'x' : 'points', c.kind === 'speedup' ? c.speedup ?? null : c.deltaPoints ?? null);
    if (c.kind === 'error-difference') return errorClaim(c, scoped);
    if (c.kind === 'speedup') return speedClaim(c, scoped);
    return untested(c, 'qualitative claim; no single number to test', '', null);
  });
}
