/**
 * The phrases every finding is built from. Each number goes through format.ts exactly as in
 * the tables, so a paragraph and its table agree digit for digit.
 */
import type { ClaimInterval } from '../stats.js';
import { claimMean, fixed, openInterval } from '../format.js';

/** "n = 5 seeds", "n = 1 seed". */
export function nOf(n: number, unit = 'seed'): string {
  return `n = ${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** "0.42 points lower with LRN than with none" (or higher): the change of an error the `better` side should lower. */
export function errorChange(removed: number, better: string, worse: string, metric = 'top-1'): string {
  const dir = removed >= 0 ? 'lower' : 'higher';
  return `${metric} error ${fixed(Math.abs(removed))} points ${dir} with ${better} than with ${worse}`;
}

/** "(95% interval [-0.10, 0.94], n = 5 seeds)"; `of` names what the interval is of ("of the ratio"). */
export function intervalNote(iv: ClaimInterval, opts: { unit?: string; of?: string } = {}): string {
  return `(95% interval${opts.of ? ` of ${opts.of}` : ''} ${openInterval(iv)}, ${nOf(iv.n, opts.unit)})`;
}

/** The ratio of a claim interval: "3.10x", "at least 2.10x", "unbounded". */
export function ratioText(iv: ClaimInterval): string {
  const m = claimMean(iv);
  return m === 'unbounded' ? 'unbounded' : `${m}x`;
}

/** From a verdict note, the clause that says what would decide an inconclusive verdict, if any. */
export function decidingClause(note: string): string | null {
  return note.split('; ').find((c) => /(seeds|ensembles) in all|longer runs|too large to estimate/.test(c)) ?? null;
}

/** "verdict: inconclusive (...); about 8 seeds in all (4 more) would likely decide it". */
export function verdictClause(verdictText: string, note: string): string {
  const deciding = verdictText.startsWith('inconclusive') ? decidingClause(note) : null;
  return `verdict: ${verdictText}${deciding ? `; ${deciding}` : ''}`;
}

/** Joins sentences into a paragraph, each ending with one full stop. */
export function paragraph(sentences: readonly (string | null | undefined | false)[]): string {
  return sentences
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .map((s) => (/[.!?]$/.test(s) ? s : `${s}.`))
    .join(' ');
}

/** "a, b and c". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A value of an axis in words: strings as they are, others as JSON. */
export function valueWords(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** Bytes as GiB with two decimals ("2.41 GiB"), the unit GPU memory is sold in. */
export function gib(bytes: number): string {
  return `${fixed(bytes / 2 ** 30)} GiB`;
}
