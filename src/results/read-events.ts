/**
 * Reading the event log (events.jsonl, events.ts) back: its events, and the per-epoch
 * errors and times that learning curves and time-to-target measures need.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BenchEvent, EvaluationSplit } from './events.js';

export interface EpochPoint {
  epoch: number;
  trainTop1: number | null;
  trainTop5: number | null;
  valTop1: number | null;
  valTop5: number | null;
  /** The holdout split's errors (`dataset.holdout`); null where it was not evaluated. */
  holdoutTop1: number | null;
  holdoutTop5: number | null;
  /** The "train-eval" split's errors (`evaluation.trainEvalImages`, evaluation mode); null where it was not evaluated. */
  trainEvalTop1: number | null;
  trainEvalTop5: number | null;
  /** ms since the run started, at the end of this epoch. */
  elapsedMs: number | null;
}

type ErrorField = Exclude<keyof EpochPoint, 'epoch' | 'elapsedMs'>;

/** Every whole line of the log (none when there is no log). */
export function readEvents(path: string): BenchEvent[] {
  if (!existsSync(path)) return [];
  const events: BenchEvent[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line) as BenchEvent);
    } catch {
      // A torn last line of a run that is still writing: skip it, the rest is whole.
    }
  }
  return events;
}

/** The top-1 and top-5 fields of each evaluation split an epoch point has ("val-ten-crop" is not per epoch). */
const SPLIT_FIELDS: Partial<Record<EvaluationSplit, readonly [ErrorField, ErrorField]>> = {
  train: ['trainTop1', 'trainTop5'],
  val: ['valTop1', 'valTop5'],
  holdout: ['holdoutTop1', 'holdoutTop5'],
  'train-eval': ['trainEvalTop1', 'trainEvalTop5'],
};

/** Each split's errors and the elapsed time per epoch (epoch 0, before training, left out). */
export function epochPoints(events: BenchEvent[]): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  const point = (epoch: number): EpochPoint => {
    let p = byEpoch.get(epoch);
    if (!p) {
      p = {
        epoch, trainTop1: null, trainTop5: null, valTop1: null, valTop5: null,
        holdoutTop1: null, holdoutTop5: null, trainEvalTop1: null, trainEvalTop5: null, elapsedMs: null,
      };
      byEpoch.set(epoch, p);
    }
    return p;
  };
  for (const e of events) {
    if (e.type === 'evaluation') {
      const v = e.value as BenchEvent<'evaluation'>['value'];
      const p = point(e.epoch);
      const fields = SPLIT_FIELDS[v.split];
      if (fields) [p[fields[0]], p[fields[1]]] = [v.errors.top1 ?? null, v.errors.top5 ?? null];
    } else if (e.type === 'epoch_end') {
      point(e.epoch).elapsedMs = e.elapsedMs;
    }
  }
  return [...byEpoch.values()].filter((p) => p.epoch > 0).sort((a, b) => a.epoch - b.epoch);
}
