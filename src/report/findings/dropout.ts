/** The sentences of dropout's measurable claim: the generalisation gap and the epochs to an eval-mode training target. */
import { fixed } from '../format.js';
import type { DropoutGapRow, DropoutTimeRow, TimeSide } from '../study/dropout.js';
import { DROPOUT_SLOWDOWN } from '../study/dropout.js';
import { intervalNote, ratioText, verdictClause } from './words.js';

/** "3.20 points below" its validation error (or above, for a negative gap); "not measured" without one. */
function gapText(gap: number | undefined): string {
  if (gap === undefined) return 'not measured';
  return `${fixed(Math.abs(gap))} points ${gap >= 0 ? 'below' : 'above'}`;
}

export function gapSentence(r: DropoutGapRow): string {
  const head = `In ${r.experiment}, the no-dropout net's eval-mode training top-1 error was ${gapText(r.withoutDropout?.mean)} its validation error (mean over seeds), the dropout net's ${gapText(r.withDropout?.mean)}`;
  const iv = r.judged.measured;
  if (!iv || r.judged.verdict === 'not tested') return `${head}; the gap's change is not tested: ${r.judged.note}`;
  const change = iv.meanLow >= 0 ? `dropout narrowed this generalisation gap by ${fixed(iv.meanLow)} points` : `dropout widened this generalisation gap by ${fixed(-iv.meanLow)} points`;
  return `${head}: ${change} ${intervalNote(iv)}, ${verdictClause(r.judged.verdictText, r.judged.note)}`;
}

function sideText(s: TimeSide): string {
  if (s.medianEpochs === null) return 'not measured';
  return `${s.censored ? 'at least ' : ''}${fixed(s.medianEpochs, 0)} epochs (${s.reached}/${s.runs} runs reached it)`;
}

export function timeSentence(r: DropoutTimeRow): string {
  const head = `In ${r.experiment}, epochs to ${r.targetPercent}% eval-mode training top-1 error (a stated target; the paper names none): median ${sideText(r.withDropout)} with dropout, ${sideText(r.withoutDropout)} without`;
  const iv = r.judged.measured;
  if (!iv || r.judged.verdict === 'not tested') return `${head}; the ratio is not tested: ${r.judged.note}`;
  return `${head}; the ratio with/without dropout was ${ratioText(iv)} ${intervalNote(iv, { of: 'the ratio' })} against the paper's about ${DROPOUT_SLOWDOWN}x, ${verdictClause(r.judged.verdictText, r.judged.note)}`;
}
