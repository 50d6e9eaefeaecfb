/**
 * Reading the event log (events.jsonl, events.ts) back: its events, and the per-epoch
 * errors and times that learning curves and time-to-target measures need.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { BenchEvent } from './events.js';

export interface EpochPoint {
  epoch: number;
  trainTop1: number | null;
  trainTop5: number | null;
  valTop1: number | null;
  valTop5: number | null;
  /** ms since the run started, at the end of this epoch. */
  elapsedMs: number | null;
}

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

/** Train and val errors and the elapsed time per epoch (epoch 0, before training, left out). */
export function epochPoints(events: BenchEvent[]): EpochPoint[] {
  const byEpoch = new Map<number, EpochPoint>();
  const point = (epoch: number): EpochPoint => {
    let p = byEpoch.get(epoch);
    if (!p) {
      p = { epoch, trainTop1: null, trainTop5: null, valTop1: null, valTop5: null, elapsedMs: null };
      byEpoch.set(epoch, p);
    }
    return p;
  };
  for (const e of events) {
    if (e.type === 'evaluation') {
      const v = e.value as BenchEvent<'evaluation'>['value'];
      const p = point(e.epoch);
      if (v.split === 'train') [p.trainTop1, p.trainTop5] = [v.errors.top1 ?? null, v.errors.top5 ?? null];
      if (v.split === 'val') [p.valTop1, p.valTop5] = [v.errors.top1 ?? null, v.errors.top5 ?? null];
    } else if (e.type === 'epoch_end') {
      point(e.epoch).elapsedMs = e.elapsedMs;
    }
  }
  return [...byEpoch.values()].filter((p) => p.epoch > 0).sort((a, b) => a.epoch - b.epoch);
}
