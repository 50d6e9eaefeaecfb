/**
 * Claim by claim, experiment by experiment: the measured effect in the paper's orientation,
 * its 95% interval over seeds, the paper's number, the verdict (verdict.ts holds the rule)
 * and the protocol it was measured under beside the paper's.
 */
import type { ReferenceClaim } from '../paper/reference.js';
import { runFailure, valError } from './aggregate.js';
import { claimComparability, protocolText } from './claim-setting.js';
import { fixed } from './format.js';
import type { ExperimentResults, ReportRun } from './results-view.js';
import { seedContrasts, type Contrasts, type ContrastSpec } from './seed-contrasts.js';
import { seedInterval, type ClaimInterval } from './stats.js';
import { targetSource, timeToTarget } from './target-time.js';
import { directionVerdict, magnitudeVerdict } from './verdict.js';
import { untestedClaim, type ClaimResult } from './claim-result.js';
import { ensembleClaimRows } from './study/ensemble-claims.js';

export { VERDICT_RULE, type Verdict } from './verdict.js';
export type { ClaimResult } from './claim-result.js';

type Oriented = { spec: ContrastSpec; claimed: number; unit: 'points' | 'x'; measure: string; marginText: string; notes: (c: Contrasts) => string[] };

function errorSpec(claim: ReferenceClaim): Oriented {
  const metric = claim.metric!;
  const claimed = -claim.deltaPoints!;
  const contrast = (b: ReportRun, w: ReportRun) => {
    const [eb, ew] = [valError(b, metric), valError(w, metric)];
    return eb === null || ew === null ? null : { low: ew - eb, high: ew - eb };
  };
  const failed = (c: Contrasts) => c.pairs.flatMap((p) => [p.better, p.worse]).filter((r) => runFailure(r) !== null).map((r) => `${r.runId} (seed ${r.seed}): ${runFailure(r)}, as 100% error`);
  return {
    spec: { axis: claim.axis, better: claim.better, worse: claim.worse, tuneOver: claim.tuneOver, tuneMeasure: (r) => valError(r, metric) ?? 100, tuneText: (m) => `${fixed(m)}% error`, contrast },
    claimed,
    unit: 'points',
    measure: `measured: final ${metric === 'top1' ? 'top-1' : 'top-5'} validation error, centre crop`,
    marginText: `+-${fixed(claimed / 2)} points`,
    notes: (c) => [...new Set(failed(c))],
  };
}

function speedSpec(claim: ReferenceClaim): Oriented {
  const target = claim.targetTrainError ?? 0.25;
  const time = (r: ReportRun) => timeToTarget(r, target)!;
  const contrast = (b: ReportRun, w: ReportRun) => {
    const [tb, tw] = [time(b), time(w)];
    return { low: tb.censored ? -Infinity : Math.log(tw.epochs / tb.epochs), high: tw.censored ? Infinity : Math.log(tw.epochs / tb.epochs) };
  };
  const claimed = Math.log(claim.speedup!);
  const notes = (c: Contrasts) => {
    const runs = [...new Map(c.pairs.flatMap((p) => [p.better, p.worse]).map((r) => [r.runId, r])).values()];
    const censored = runs.filter((r) => time(r).censored).map((r) => `${r.runId} (seed ${r.seed}): ${time(r).why} (time at least ${fixed(time(r).epochs)} epochs)`);
    const old = runs.filter((r) => targetSource(r) !== 'steps').map((r) => r.runId);
    return [...censored, ...(old.length ? [`${old.join(', ')}: step events carry no training error, so whole epochs from the epoch-end training evaluations`] : [])];
  };
  return {
    spec: { axis: claim.axis, better: claim.better, worse: claim.worse, tuneOver: claim.tuneOver, tuneMeasure: (r) => time(r).epochs, tuneTieBreak: (r) => valError(r, 'top1') ?? 100, tuneText: (m) => `${fixed(m)} epochs`, contrast },
    claimed,
    unit: 'x',
    measure: `measured: epochs to ${target * 100}% training top-1 error over the steps since the previous log point`,
    marginText: `a factor of ${fixed(Math.exp(claimed / 2))} either way`,
    notes,
  };
}

/** The interval in display units: the speed claim's log ratio back to a ratio. */
function display(iv: ClaimInterval, unit: 'points' | 'x'): ClaimInterval {
  if (unit === 'points') return iv;
  return { n: iv.n, meanLow: Math.exp(iv.meanLow), meanHigh: Math.exp(iv.meanHigh), low: Math.exp(iv.low), high: Math.exp(iv.high), sdLow: iv.sdLow, sdHigh: iv.sdHigh };
}

/**
 * A claim the report makes itself, where the paper gives no number (no data set in its
 * setting): its c is a stated default, it is never comparable, and it has no paper value.
 */
const paperless = (claim: ReferenceClaim) => claim.setting.formats.length === 0;

function testOn(claim: ReferenceClaim, o: Oriented, e: ExperimentResults, paper: number | null): ClaimResult | null {
  const c = seedContrasts(e, o.spec);
  if (c.pairs.length === 0) return null;
  const row = { ...untestedClaim(claim, o.unit, paper), experiment: e.name, contexts: c.contexts, chosen: c.chosen, censored: o.notes(c) };
  const runs = c.pairs.flatMap((p) => [p.better, p.worse]);
  const iv = seedInterval(c.values);
  const protocol = protocolText(runs, c.values.length, o.measure);
  if (!iv || iv.n < 2) return { ...row, protocol, note: `${c.values.length} seed(s) with both sides measured; needs at least 2` };
  const where = claimComparability(claim.setting, runs);
  const d = where.comparable ? magnitudeVerdict(iv, o.claimed) : directionVerdict(iv, o.claimed / 2, o.marginText);
  const margin = d.verdict === 'no effect detected' ? ` within ${o.marginText}` : '';
  const verdictText = where.comparable ? d.verdict : `${d.verdict}${margin} (direction only, on ${where.dataset})`;
  const untuned = (claim.tuneOver ?? []).filter((a) => !runs.some((r) => a in r.axes));
  const tuneNote = untuned.length ? `; not tuned: ${untuned.join(', ')} is not varied here, though the paper chose it for each side` : '';
  const scopeNote = paperless(claim)
    ? `direction only: the paper gives no number here, so m = ${o.marginText} is a stated default`
    : where.comparable ? 'the experiment reproduces the claim\'s setting' : `direction only: ${where.why}`;
  return { ...row, measured: display(iv, o.unit), scope: where.comparable ? 'magnitude' : 'direction', verdict: d.verdict, verdictText, note: `${d.note}; ${scopeNote}${tuneNote}`, protocol };
}

function oriented(claim: ReferenceClaim): Oriented {
  return claim.kind === 'speedup' ? speedSpec(claim) : errorSpec(claim);
}

/** The paper's effect in the claim's orientation; null for a claim the report makes itself. */
function paperValue(claim: ReferenceClaim): number | null {
  if (paperless(claim)) return null;
  return claim.kind === 'speedup' ? claim.speedup! : -claim.deltaPoints!;
}

/** One error or speed claim (the paper's, or one the report makes) on one experiment; null when no runs pair over its axis. */
export function testClaim(claim: ReferenceClaim, e: ExperimentResults): ClaimResult | null {
  return testOn(claim, oriented(claim), e, paperValue(claim));
}

/** The paired runs behind a claim row (the same pairing and tuning as its verdict). */
export function claimContrasts(claim: ReferenceClaim, e: ExperimentResults): Contrasts {
  return seedContrasts(e, oriented(claim).spec);
}

const DROPOUT_NOTE =
  'qualitative claim; a train-val gap is not an honest number here: the training error is measured during each epoch with dropout active, which inflates it exactly where dropout is on';
const DROPOUT_MEASURED_NOTE =
  'qualitative claim; its measurable version (the generalisation gap from the eval-mode training error, and epochs to a training-error target, with and without dropout) is in Question 1';

/** Whether some run measured the eval-mode training error: the dropout claim then has an honest number, in Question 1. */
const hasTrainEval = (experiments: ExperimentResults[]) => experiments.some((e) => e.runs.some((r) => r.facts.trainEvalTop1 !== null && 'dropout' in r.axes));

function evaluateClaim(claim: ReferenceClaim, experiments: ExperimentResults[]): ClaimResult[] {
  if (claim.kind === 'qualitative') {
    const dropout = hasTrainEval(experiments) ? DROPOUT_MEASURED_NOTE : DROPOUT_NOTE;
    return [{ ...untestedClaim(claim, '', null), note: claim.axis === 'dropout' ? dropout : 'qualitative claim; no single number to test' }];
  }
  // An ensemble claim has rows only where ensembles of its size were evaluated; the findings say what would test it.
  if (claim.kind === 'ensemble') return experiments.flatMap((e) => ensembleClaimRows(claim, e));
  const o = oriented(claim);
  const paper = paperValue(claim);
  const rows = experiments.map((e) => testOn(claim, o, e, paper)).filter((r): r is ClaimResult => r !== null);
  if (rows.length) return rows;
  return [{ ...untestedClaim(claim, o.unit, paper), note: `no experiment here pairs runs over axis "${claim.axis}" (${JSON.stringify(claim.better)} vs ${JSON.stringify(claim.worse)})` }];
}

export function evaluateClaims(claims: readonly ReferenceClaim[], experiments: ExperimentResults[]): ClaimResult[] {
  return claims.flatMap((c) => evaluateClaim(c, experiments));
}
