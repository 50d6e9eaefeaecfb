/**
 * One paragraph per claim of the paper: for each experiment that tested it, the effect with
 * its 95% interval and n, the verdict (and what would decide an inconclusive one), the
 * protocol; where it did not reproduce, the measured facts that bear on why; the paper's own
 * protocol. A claim no experiment tested says which experiment would.
 */
import type { ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import { fixed } from '../format.js';
import type { StudyModel } from '../study/index.js';
import { gapSentence, timeSentence } from './dropout.js';
import { notRunAxis, notRunEnsemble } from './not-run.js';
import { whyFacts } from './why.js';
import { errorChange, intervalNote, paragraph, ratioText, valueWords, verdictClause } from './words.js';

export interface Finding {
  /** A stable id: "q1".."q4" or the claim's id. */
  id: string;
  title: string;
  /** Plain text; each writer escapes it for its format. */
  text: string;
  /** False when nothing in the results bears on it (the paragraph says what would). */
  tested: boolean;
}

const METRIC = { top1: 'top-1', top5: 'top-5' } as const;

/** The effect of one tested row, in the claim's own terms. */
export function effectSentence(claim: ReferenceClaim, row: ClaimResult): string {
  const iv = row.measured!;
  const [better, worse] = [valueWords(claim.better), valueWords(claim.worse)];
  if (row.unit === 'x') {
    return `In ${row.experiment}, ${worse} took ${ratioText(iv)} as long as ${better} to reach ${(claim.targetTrainError ?? 0.25) * 100}% training error ${intervalNote(iv, { of: 'the ratio' })}`;
  }
  const metric = METRIC[claim.metric ?? 'top1'];
  if (claim.kind === 'ensemble') {
    const dir = iv.meanLow >= 0 ? 'lower' : 'higher';
    // Ensembles are scored per crop (row.contexts: "<crop> ensembles of <n>"); say which.
    const crop = row.contexts[0]?.startsWith('ten-crop') ? 'ten patches' : 'the centre crop';
    return `In ${row.experiment}, on ${crop}, ensembles of ${claim.nets} nets had ${metric} error ${fixed(Math.abs(iv.meanLow))} points ${dir} than the mean of their own members ${intervalNote(iv, { unit: 'disjoint ensemble' })}`;
  }
  return `In ${row.experiment}, ${errorChange(iv.meanLow, `${claim.axis}=${better}`, worse, metric)} ${intervalNote(iv)}`;
}

/** The sentences of one experiment's row of a claim. */
export function rowSentences(claim: ReferenceClaim, row: ClaimResult, study: StudyModel): string[] {
  if (row.measured === null || row.verdict === 'not tested') return [`In ${row.experiment}, not tested: ${row.note}`];
  const why = whyFacts(claim, row, study);
  return [
    `${effectSentence(claim, row)}, ${verdictClause(row.verdictText, row.note)}`,
    `Protocol: ${row.protocol}`,
    ...(why.length ? [`Measured beside it: ${why.join('; ')}`] : []),
  ];
}

function qualitative(claim: ReferenceClaim, study: StudyModel): string[] {
  if (claim.axis !== 'dropout') return [notRunAxis(claim.axis)];
  if (study.dropoutGap.length + study.dropoutTime.length === 0) return [notRunAxis('dropout', claim.better, claim.worse)];
  return ['Not a single number in the paper; its measurable version (Question 1)', ...study.dropoutGap.map(gapSentence), ...study.dropoutTime.map(timeSentence)];
}

/** The paragraph of one claim from its rows in the report (none for an ensemble claim without ensembles). */
export function claimFinding(claim: ReferenceClaim, rows: readonly ClaimResult[], study: StudyModel): Finding {
  const title = `${claim.text} (${claim.where})`;
  const tested = rows.filter((r) => r.experiment !== null);
  let body: string[];
  const measured = claim.kind === 'qualitative' ? claim.axis === 'dropout' && study.dropoutGap.length + study.dropoutTime.length > 0 : tested.length > 0;
  if (claim.kind === 'qualitative') body = qualitative(claim, study);
  else if (tested.length === 0) body = [claim.kind === 'ensemble' ? notRunEnsemble(claim.nets!) : notRunAxis(claim.axis, claim.better, claim.worse)];
  else body = tested.flatMap((r) => rowSentences(claim, r, study));
  return { id: claim.id, title, text: paragraph([...body, `The paper: ${claim.setting.protocol}`]), tested: measured };
}
