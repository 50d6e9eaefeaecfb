/**
 * The verdict rules, in one place: the text every report prints (VERDICT_RULE) and the
 * functions that apply it. Effects are oriented so that positive is the paper's direction,
 * and c > 0 is the claimed effect in the same units.
 *
 * Magnitude verdicts, only where the experiment reproduces the claim's setting:
 *   reproduced            lo > 0 and hi >= c/2
 *   smaller than claimed  lo > 0 and hi <  c/2
 *   contradicted          lo <= 0 and hi < c/2
 *   inconclusive          otherwise, with the seeds needed
 * Direction-only verdicts elsewhere, with m = c/2:
 *   same direction        lo > 0
 *   opposite direction    hi < 0
 *   no effect detected    -m <= lo and hi <= m
 *   inconclusive          otherwise, with the seeds needed
 */
import { tQuantile975, type ClaimInterval } from './stats.js';

export type { ClaimInterval } from './stats.js';

export type MagnitudeVerdict = 'reproduced' | 'smaller than claimed' | 'contradicted' | 'inconclusive';
export type DirectionVerdict = 'same direction' | 'opposite direction' | 'no effect detected' | 'inconclusive';
export type Verdict = MagnitudeVerdict | DirectionVerdict | 'not tested';

/** Which rule a claim row was judged by. */
export type VerdictScope = 'magnitude' | 'direction' | 'none';

export const VERDICT_RULE =
  'The unit of replication is the seed: each pair of runs that differ only in the claim\'s axis (same seed, engine and every other axis) ' +
  'gives a contrast, contrasts of one seed are averaged (the contexts averaged are listed), and n is the number of seeds. ' +
  'Effects are oriented so that positive is the paper\'s direction: points of error the paper\'s choice removes; for the ReLU speed claim, ' +
  'the log of the tanh/ReLU ratio of times to the training-error target (shown as the ratio). [lo, hi] is the 95% Student-t interval over seeds, ' +
  'c the claimed effect. Where the experiment reproduces the claim\'s setting (its data set with all its classes, the full training set, the paper\'s net): ' +
  '"reproduced" when lo > 0 and hi >= c/2; "smaller than claimed" when lo > 0 and hi < c/2; "contradicted" when lo <= 0 and hi < c/2; ' +
  'otherwise "inconclusive". Anywhere else only the direction is tested, and the verdict names the data set: "same direction" when lo > 0; ' +
  '"opposite direction" when hi < 0; "no effect detected within +-m" when -m <= lo and hi <= m, with m = c/2; otherwise "inconclusive". ' +
  'An inconclusive verdict gives the seeds that would likely decide it if the spread seen so far holds. ' +
  'Time to target: the first logged step at which the training top-1 error over the steps since the previous log point is at most the target, ' +
  'in fractional epochs; a run that never reaches it is censored at its length and bounds the ratio on one side only ' +
  '(lo from the seeds\' lower ends, -inf if any is unbounded; hi from their upper ends, +inf if any is). ' +
  'A diverged run, or one with non-finite validation metrics, counts as 100% error at every k and never reaches the target. ' +
  'Where the experiment varies the learning rate, each side takes its own best one, as the paper chose each activation\'s for Figure 1: ' +
  'the value with the lowest median of the claim\'s measure over the same seeds (censored times at their lower bound; ties in time, such as every rate censored: the lower median final top-1 validation error, then the smaller value), ' +
  'so that neither side is held to a rate tuned for the other. Fewer than 2 seeds cannot be tested.';

export interface Decision {
  verdict: Verdict;
  /** Why, in one line; the seeds needed when inconclusive. */
  note: string;
}

/** Seeds in all for a t-interval of half-width below `halfWidth`, if the spread `sd` holds; null: not practical. */
export function seedsFor(sd: number, halfWidth: number, atLeast: number): number | null {
  if (!(halfWidth > 0)) return null;
  if (sd === 0) return atLeast;
  let n = Math.max(2, atLeast);
  // Search upward: the t quantile shrinks with n too. Past 10 000 seeds the answer is "not practical".
  while (n <= 10_000 && (tQuantile975(n - 1) * sd) / Math.sqrt(n) >= halfWidth) n++;
  return n > 10_000 ? null : n;
}

/** A way the interval could still be decided: the spread of the end that must move and the half-width it needs. */
interface Route {
  sd: number | null;
  halfWidth: number;
}

/** The fewest seeds over the routes that can decide; none when only longer runs can (an unbounded end). */
function inconclusive(iv: ClaimInterval, why: string, routes: Route[]): Decision {
  const open = routes.filter((r): r is { sd: number; halfWidth: number } => r.sd !== null && r.halfWidth > 0);
  if (open.length === 0) return { verdict: 'inconclusive', note: `${why}; runs that never reached the target leave the interval unbounded: longer runs, not more seeds, would decide it` };
  const counts = open.map((r) => seedsFor(r.sd, r.halfWidth, iv.n)).filter((n): n is number => n !== null);
  if (counts.length === 0) return { verdict: 'inconclusive', note: `${why}; the spread is too large to estimate the seeds needed` };
  const n = Math.min(...counts);
  return { verdict: 'inconclusive', note: `${why}; about ${n} seeds in all (${Math.max(0, n - iv.n)} more) would likely decide it` };
}

/** The magnitude rule; `claimed` is c > 0 in the oriented units. */
export function magnitudeVerdict(iv: ClaimInterval, claimed: number): Decision {
  const half = claimed / 2;
  if (iv.low > 0 && iv.high >= half) return { verdict: 'reproduced', note: 'the interval is above zero and reaches half the claim' };
  if (iv.low > 0) return { verdict: 'smaller than claimed', note: 'the interval is above zero but wholly below half the claim' };
  if (iv.high < half) return { verdict: 'contradicted', note: 'the interval reaches zero or below and stays below half the claim' };
  // Deciding means lifting the lower end above zero, or bringing the upper end below half the claim.
  return inconclusive(iv, 'the interval spans both zero and half the claim', [
    { sd: iv.sdLow, halfWidth: iv.meanLow },
    { sd: iv.sdHigh, halfWidth: half - iv.meanHigh },
  ]);
}

/** The direction rule; `margin` is m = c/2 in the oriented units, `marginText` how the report prints it. */
export function directionVerdict(iv: ClaimInterval, margin: number, marginText: string): Decision {
  if (iv.low > 0) return { verdict: 'same direction', note: 'the interval is above zero' };
  if (iv.high < 0) return { verdict: 'opposite direction', note: 'the interval is below zero' };
  if (iv.low >= -margin && iv.high <= margin) return { verdict: 'no effect detected', note: `the interval lies within ${marginText}` };
  // Deciding means excluding zero on either side, or fitting inside +-m (both ends bounded, |mean| < m).
  const bounded = iv.sdLow !== null && iv.sdHigh !== null;
  return inconclusive(iv, `the interval spans zero and is wider than ${marginText}`, [
    { sd: iv.sdLow, halfWidth: iv.meanLow },
    { sd: iv.sdHigh, halfWidth: -iv.meanHigh },
    { sd: bounded ? Math.max(iv.sdLow!, iv.sdHigh!) : null, halfWidth: margin - Math.abs((iv.meanLow + iv.meanHigh) / 2) },
  ]);
}
