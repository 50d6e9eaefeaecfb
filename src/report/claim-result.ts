/** One claim row: a claim of the paper as one experiment tested it (or why none could). */
import type { ReferenceClaim } from '../paper/reference.js';
import type { ClaimInterval } from './stats.js';
import type { Verdict, VerdictScope } from './verdict.js';

export interface ClaimResult {
  id: string;
  where: string;
  text: string;
  /** The experiment that tested it; null on a row saying no experiment could. */
  experiment: string | null;
  /** 'points': error removed by the paper's choice; 'x': the speed-up ratio; '': qualitative. */
  unit: 'points' | 'x' | '';
  /** The paper's effect in the same units (positive: the paper's direction). */
  paper: number | null;
  /** The measured effect in the same units (for 'x' the exp of the oriented log interval); null when not measured. */
  measured: ClaimInterval | null;
  scope: VerdictScope;
  verdict: Verdict;
  /** The verdict as printed: direction-only ones name the data set and the margin. */
  verdictText: string;
  /** Why, in one line; the seeds needed when inconclusive. */
  note: string;
  /** How it was measured here (data set, net, epochs, seeds, measure); '' when not measured. */
  protocol: string;
  /** How the paper measured it. */
  paperProtocol: string;
  /** The contexts averaged within each seed. */
  contexts: string[];
  /** Tuned values chosen per side (claims with tuneOver). */
  chosen: string[];
  /** Runs that never reached the target (speed claim) and failed models counted, with why. */
  censored: string[];
}

/** A claim row before any measurement: "not tested", with the paper's protocol. */
export function untestedClaim(claim: ReferenceClaim, unit: ClaimResult['unit'], paper: number | null): ClaimResult {
  return { id: claim.id, where: claim.where, text: claim.text, experiment: null, unit, paper, measured: null, scope: 'none', verdict: 'not tested', verdictText: 'not tested', note: '', protocol: '', paperProtocol: claim.setting.protocol, contexts: [], chosen: [], censored: [] };
}
