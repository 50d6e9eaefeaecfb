/**
 * Where a claim did not reproduce, the measured facts that bear on why: how fast both
 * activations reached the target, how much LRN actually divided activations by, what PCA
 * lighting could do on grey images. Facts only; the reader draws the conclusion.
 */
import type { ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import { fixed } from '../format.js';
import type { ActivationTimeRow } from '../study/activations.js';
import type { StudyModel } from '../study/index.js';
import { listText } from './words.js';

const ACTIVATION_NAMES: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
const name = (a: string) => ACTIVATION_NAMES[a] ?? a;

function timeText(t: ActivationTimeRow): string {
  return `${name(t.activation)} ${t.censored ? 'at least ' : ''}${fixed(t.medianEpochs)} (${t.reached}/${t.runs} runs reached it)`;
}

/** "both activations reach 25% within 0.60 epochs (median ReLU 0.40, tanh 0.60)" or each side's median with how many reached it. */
export function speedFacts(times: ActivationTimeRow[]): string[] {
  if (times.length < 2) return [];
  const all = times.every((t) => t.reached === t.runs && t.runs > 0);
  if (all) {
    const slowest = Math.max(...times.map((t) => t.medianEpochs));
    return [`both activations reach ${times[0]!.targetPercent}% training error within a median of ${fixed(slowest)} epochs (${listText(times.map((t) => `${name(t.activation)} ${fixed(t.medianEpochs)}`))})`];
  }
  return [`median epochs to ${times[0]!.targetPercent}% training error: ${listText(times.map(timeText))}`];
}

export function lrnFacts(rows: StudyModel['lrnFactors']): string[] {
  if (rows.length === 0) return [];
  const parts = rows.map((r) => `${r.layer}'s by ${fixed(r.mean)} (95th percentile ${fixed(r.p95)})`);
  return [`LRN divided ${parts[0]}${parts.length > 1 ? ` and ${listText(parts.slice(1))}` : ''} on average over ${rows[0]!.runs} runs with LRN`];
}

export function lightingFacts(notes: StudyModel['lighting']): string[] {
  // One sentence per distinct fact: experiments sharing the recipe share the note.
  return [...new Set(notes.flatMap((n) => {
    if (n.nonZeroEigenvalues.length === 1 && n.nonZeroEigenvalues[0] === 1) {
      return ['PCA lighting here shifts brightness only: the runs used eigen-pairs with one non-zero eigenvalue (grey images, the data set\'s own), so it adds the same amount to every channel'];
    }
    return [`the runs' lighting eigen-pairs have ${listText(n.nonZeroEigenvalues.map(String))} non-zero eigenvalue(s)`];
  }))];
}

const REPRODUCED = new Set(['reproduced', 'same direction']);

/** The facts beside a claim row that did not reproduce; none for one that did, or that was not measured. */
export function whyFacts(claim: ReferenceClaim, row: ClaimResult, study: StudyModel): string[] {
  if (row.measured === null || row.verdict === 'not tested' || REPRODUCED.has(row.verdict)) return [];
  const mine = <T extends { experiment: string }>(xs: readonly T[]) => xs.filter((x) => x.experiment === row.experiment);
  if (claim.kind === 'speedup') return speedFacts(mine(study.activations.times).filter((t) => t.activation === claim.better || t.activation === claim.worse));
  if (claim.axis === 'normalization') return lrnFacts(mine(study.lrnFactors));
  if (claim.axis === 'lighting') return lightingFacts(mine(study.lighting));
  return [];
}
