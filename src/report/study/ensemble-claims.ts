/**
 * Ensembles against their own members: each `bench eval --ensemble` record of N nets gives
 * one observation, the mean of its members' single-net errors minus the ensemble's error
 * (points the averaging removed), on the same crop. Ensembles that share a member are not
 * independent, so only disjoint ones count: in id order, an ensemble sharing a member with
 * one already counted is left out and named. n is the number of disjoint ensembles.
 */
import type { ReferenceClaim } from '../../paper/reference.js';
import type { EnsembleResult } from '../../results/read-results.js';
import { tenCropError, valError, type ErrorMetric } from '../aggregate.js';
import { untestedClaim, type ClaimResult } from '../claim-result.js';
import { claimComparability, protocolText } from '../claim-setting.js';
import { fixed } from '../format.js';
import type { ExperimentResults, ReportRun } from '../results-view.js';
import { seedInterval } from '../stats.js';
import { directionVerdict, magnitudeVerdict } from '../verdict.js';

/** One ensemble set against its members. Errors in percent. */
export interface EnsembleObservation {
  id: string;
  crop: 'centre' | 'ten-crop';
  nets: number;
  ensembleError: number;
  /** Mean of the members' single-net errors on the same crop; null when a member's is missing. */
  memberMean: number | null;
  members: ReportRun[];
  /** The ensemble counted before it that shares a member with it; null when disjoint. */
  overlapsWith: string | null;
}

function memberError(run: ReportRun, crop: 'centre' | 'ten-crop', metric: ErrorMetric): number | null {
  return crop === 'centre' ? valError(run, metric) : tenCropError(run, metric);
}

/** Every ensemble of `nets` members on one crop, with its members' mean and its overlap, in id order. */
export function ensembleObservations(e: ExperimentResults, nets: number, crop: 'centre' | 'ten-crop', metric: ErrorMetric): EnsembleObservation[] {
  const byId = new Map(e.runs.map((r) => [r.runId, r]));
  const counted: EnsembleResult[] = [];
  const out: EnsembleObservation[] = [];
  for (const en of e.ensembles.filter((x) => x.memberCount === nets && x.crop === crop)) {
    const members = en.members.map((id) => byId.get(id)).filter((r): r is ReportRun => r !== undefined);
    const errors = members.map((r) => memberError(r, crop, metric));
    const complete = members.length === en.members.length && errors.every((v) => v !== null);
    const memberMean = complete ? (errors as number[]).reduce((a, b) => a + b, 0) / errors.length : null;
    const overlap = counted.find((c) => c.members.some((m) => en.members.includes(m)));
    if (!overlap && complete) counted.push(en);
    out.push({ id: en.id, crop, nets, ensembleError: en.errors[metric] * 100, memberMean, members, overlapsWith: overlap?.id ?? null });
  }
  return out;
}

/** The crops ensembles of this size were evaluated on: ten-crop (the paper's protocol) first. */
export function ensembleCrops(e: ExperimentResults, nets: number): ('centre' | 'ten-crop')[] {
  const crops = new Set(e.ensembles.filter((x) => x.memberCount === nets).map((x) => x.crop));
  return (['ten-crop', 'centre'] as const).filter((c) => crops.has(c));
}

function leftOut(obs: EnsembleObservation[]): string[] {
  return obs.flatMap((o) => {
    if (o.memberMean === null) return [`${o.id}: a member's single-net error is missing, left out`];
    return o.overlapsWith ? [`${o.id}: shares members with ${o.overlapsWith}, so not independent; left out`] : [];
  });
}

function claimRow(claim: ReferenceClaim, e: ExperimentResults, crop: 'centre' | 'ten-crop'): ClaimResult {
  const metric = claim.metric!;
  const nets = claim.nets!;
  const paper = -claim.deltaPoints!;
  const obs = ensembleObservations(e, nets, crop, metric);
  const used = obs.filter((o) => o.memberMean !== null && o.overlapsWith === null);
  const runs = used.flatMap((o) => o.members);
  const seeds = new Set(runs.map((r) => r.seed)).size;
  const measure = `measured: ${crop} ${metric === 'top1' ? 'top-1' : 'top-5'} validation error of each ensemble of ${nets} nets against the mean of its members' single-net errors; n = ${used.length} disjoint ensemble(s) of ${seeds} seeds`;
  const row = { ...untestedClaim(claim, 'points', paper), experiment: e.name, contexts: [`${crop} ensembles of ${nets}`], censored: leftOut(obs), protocol: protocolText(runs, seeds, measure) };
  const iv = seedInterval(used.map((o, i) => ({ seed: i + 1, low: o.memberMean! - o.ensembleError, high: o.memberMean! - o.ensembleError })));
  if (!iv || iv.n < 2) return { ...row, note: `${used.length} disjoint ensemble(s) of ${nets} nets; needs at least 2 (e.g. ${2 * nets} runs in two groups)` };
  const where = claimComparability(claim.setting, runs);
  const magnitude = where.comparable && claim.sameContrast !== false;
  const marginText = `+-${fixed(paper / 2)} points`;
  const d = magnitude ? magnitudeVerdict(iv, paper) : directionVerdict(iv, paper / 2, marginText);
  const margin = d.verdict === 'no effect detected' ? ` within ${marginText}` : '';
  const scope = magnitude ? 'the experiment reproduces the claim\'s setting' : claim.sameContrast === false ? 'direction only: the paper\'s numbers come from another contrast' : `direction only: ${where.why}`;
  return {
    ...row,
    measured: iv,
    scope: magnitude ? 'magnitude' : 'direction',
    verdict: d.verdict,
    verdictText: magnitude ? d.verdict : `${d.verdict}${margin} (direction only, on ${where.dataset})`,
    // The verdict rule counts seeds; here the unit is the disjoint ensemble.
    note: `${d.note.replace(/ seeds in all /, ' disjoint ensembles in all ')}; ${scope}; each disjoint ensemble is one observation`,
  };
}

/** The claim's rows in one experiment: one per crop its ensembles of that size were evaluated on; none without such ensembles. */
export function ensembleClaimRows(claim: ReferenceClaim, e: ExperimentResults): ClaimResult[] {
  return ensembleCrops(e, claim.nets!).map((crop) => claimRow(claim, e, crop));
}
