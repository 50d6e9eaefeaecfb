/**
 * Writes a run's events to events.jsonl and forwards each to the observer (progress
 * display, --json output). The only place that builds BenchEvent objects.
 */
import { performance } from 'node:perf_hooks';
import { LineLog } from '../core/atomic.js';
import { EVENT_FORMAT_VERSION, type BenchEvent, type EventType, type EventValues } from './events.js';

export interface EventSink {
  onEvent(event: BenchEvent): void;
}

export class RunRecorder {
  private readonly log: LineLog;
  private readonly startedAt: number;

  /** `elapsedOffsetMs`: the run time before this process (a resumed run continues its clock). */
  constructor(path: string, private readonly sink: EventSink, elapsedOffsetMs = 0) {
    this.log = new LineLog(path);
    this.startedAt = performance.now() - elapsedOffsetMs;
  }

  /** Bytes written to the log so far. */
  bytes(): number {
    return this.log.size();
  }

  /** Flushes the log to disk (before a checkpoint records its length). */
  sync(): void {
    this.log.sync();
  }

  get elapsedMs(): number {
    return performance.now() - this.startedAt;
  }

  emit<T extends EventType>(type: T, at: { epoch: number; step: number }, value: EventValues[T]): void {
    const event: BenchEvent<T> = {
      v: EVENT_FORMAT_VERSION,
      type,
      timeMs: Date.now(),
      elapsedMs: Math.round(this.elapsedMs),
      epoch: at.epoch,
      step: at.step,
      value,
    };
    this.log.append(JSON.stringify(event));
    if (type === 'epoch_end' || type === 'run_end') this.log.sync();
    this.sink.onEvent(event as BenchEvent);
  }

  close(): void {
    this.log.close();
  }
}
