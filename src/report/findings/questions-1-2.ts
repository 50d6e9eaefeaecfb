/**
 * The paragraphs of Question 1 (the paper's techniques) and Question 2 (later techniques):
 * each contrast's effect on top-1 error with its interval, n and verdict, the margins used,
 * ten-patch testing, dropout's measurable claim, early stopping, ensembles, the protocol.
 */
import type { ReferenceClaim } from '../../paper/reference.js';
import type { ClaimResult } from '../claim-result.js';
import { fixed } from '../format.js';
import type { ContrastRow } from '../study/contrast-rows.js';
import { DEFAULT_MARGIN_POINTS } from '../study/contrast-rows.js';
import type { EarlyStoppingRow } from '../study/early-stopping.js';
import type { StudyModel } from '../study/index.js';
import type { TenCropRow } from '../study/ten-crop.js';
import type { Finding } from './claims.js';
import { effectSentence } from './claims.js';
import { gapSentence, timeSentence } from './dropout.js';
import { notRunQuestion } from './not-run.js';
import { lightingFacts } from './why.js';
import { errorChange, intervalNote, listText, paragraph, verdictClause } from './words.js';

/** "random crops vs the centre crop: top-1 error 0.42 points lower with random crops (95% interval ..., n = 5 seeds), verdict: ...". */
export function contrastPhrase(r: ContrastRow): string {
  const c = r.result;
  if (c.measured === null || c.verdict === 'not tested') return `${r.label}: not tested (${c.note})`;
  return `${r.label}: ${errorChange(c.measured.meanLow, r.betterName, r.worseName)} ${intervalNote(c.measured)}, ${verdictClause(c.verdictText, c.note)}`;
}

/** Per experiment: the rows' phrases, then the margins, then the protocol. */
function contrastSentences(rows: readonly ContrastRow[]): string[] {
  const experiments = [...new Set(rows.map((r) => r.result.experiment!))];
  return experiments.flatMap((e) => {
    const mine = rows.filter((r) => r.result.experiment === e);
    const paper = mine.filter((r) => r.marginSource.startsWith('m = half'));
    const fallback = `${DEFAULT_MARGIN_POINTS} points, a stated default where the paper gives no number`;
    const margins = paper.length ? `half the paper's number where it gives one (${listText(paper.map((r) => `${r.label} ${fixed((r.result.paper ?? 0) / 2)}`))}), else ${fallback}` : fallback;
    return [
      `In ${e} (top-1 error, seeds as the unit): ${mine.map(contrastPhrase).join('; ')}`,
      `Margins m for "no effect detected": ${margins}`,
      `Protocol: ${mine[0]!.result.protocol}`,
    ];
  });
}

export function tenCropSentence(r: TenCropRow): string {
  const iv = r.judged.measured;
  if (!iv || r.judged.verdict === 'not tested') return `In ${r.experiment}, ten patches vs the centre crop: not tested (${r.judged.note})`;
  return `In ${r.experiment}, ten patches vs the centre crop on the same ${r.runs} runs: ${errorChange(iv.meanLow, 'ten patches', 'the centre crop')} ${intervalNote(iv)}, ${r.variants} variant(s) averaged within each seed, ${verdictClause(r.judged.verdictText, r.judged.note)}`;
}

export function question1(study: StudyModel): Finding {
  const title = 'Question 1: do the paper\'s techniques (augmentation, dropout, ReLU, LRN) still improve the model?';
  const any = study.techniques.length + study.tenCrop.length + study.dropoutGap.length + study.dropoutTime.length > 0;
  if (!any) return { id: 'q1', title, text: paragraph([notRunQuestion(1)]), tested: false };
  return {
    id: 'q1',
    title,
    tested: true,
    text: paragraph([
      ...contrastSentences(study.techniques),
      ...study.tenCrop.map(tenCropSentence),
      ...study.dropoutGap.map(gapSentence),
      ...study.dropoutTime.map(timeSentence),
      ...lightingFacts(study.lighting).map((f) => `${f[0]!.toUpperCase()}${f.slice(1)}`),
    ]),
  };
}

export function earlyStoppingSentence(r: EarlyStoppingRow): string {
  const iv = r.judged.measured;
  const saved = r.epochsSaved ? `it saved ${fixed(r.epochsSaved.mean, 1)} epochs on average (${r.stoppedEarly}/${r.runs} runs stopped before their budget)` : 'the epochs saved were not recorded';
  if (!iv || r.judged.verdict === 'not tested') return `In ${r.experiment}, early stopping (monitored on ${r.monitor}): not tested (${r.judged.note}); ${saved}; ${r.monitorNote}`;
  return `In ${r.experiment}, early stopping (monitored on ${r.monitor}) against the full budget: ${errorChange(iv.meanLow, 'the restored best epoch', 'the last')} ${intervalNote(iv)}, ${verdictClause(r.judged.verdictText, r.judged.note)}; ${saved}; ${r.monitorNote}`;
}

/** The ensemble claim rows, and why some ensembles were left out. */
function ensembleSentences(claims: readonly ReferenceClaim[], rows: readonly ClaimResult[], study: StudyModel): string[] {
  const sentences = rows.flatMap((row) => {
    const claim = claims.find((c) => c.id === row.id)!;
    const against = claim.sameContrast === false ? ' (the paper\'s seven nets were partly pre-trained: not the same contrast)' : '';
    if (row.measured === null || row.verdict === 'not tested') return [`${claim.id}${against}, in ${row.experiment}: not tested (${row.note})`];
    return [`${effectSentence(claim, row)}, against the paper's ${claim.absolute!.without}% -> ${claim.absolute!.with}%${against}, ${verdictClause(row.verdictText, row.note)}`];
  });
  const left = [...new Set(rows.flatMap((r) => r.censored))];
  const other = study.ensembles.filter((e) => !rows.some((r) => r.experiment === e.experiment && claims.some((c) => c.id === r.id && c.nets === e.nets)));
  return [
    ...sentences,
    ...(left.length ? [`Not independent or incomplete, so left out: ${left.join('; ')}`] : []),
    ...other.map((e) => `In ${e.experiment}, ensemble ${e.id} of ${e.nets} nets (${e.crop}): top-1 error ${fixed(e.ensembleError)}% against its members' mean ${fixed(e.memberMean)}%`),
  ];
}

export function question2(study: StudyModel, claims: readonly ReferenceClaim[], claimRows: readonly ClaimResult[]): Finding {
  const title = 'Question 2: what do later techniques (weight decay, early stopping, batch normalization, ensembles) add?';
  const ensembleRows = claimRows.filter((r) => r.experiment !== null && claims.some((c) => c.id === r.id && c.kind === 'ensemble'));
  const any = study.later.length + study.earlyStopping.length + study.ensembles.length > 0;
  if (!any) return { id: 'q2', title, text: paragraph([notRunQuestion(2)]), tested: false };
  return {
    id: 'q2',
    title,
    tested: true,
    text: paragraph([...contrastSentences(study.later), ...study.earlyStopping.map(earlyStoppingSentence), ...ensembleSentences(claims, ensembleRows, study)]),
  };
}
