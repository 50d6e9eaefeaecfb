/**
 * Writes a run's events to events.jsonl and forwards each to the observer (progress
 * display, --json output). The only place that builds BenchEvent objects.
 */
import { performance } from 'node:perf_hooks';
import { LineLog } from './atomic.js';
import { EVENT_FORMAT_VERSION, type BenchEvent, type EventType, type EventValues } from './events.js';

export interface EventSink {
  onEvent(event: BenchEvent): void;
}

export class RunRecorder {
  private readonly log: LineLog;
  private readonly startedAt = performance.now();

  constructor(path: string, private readonly sink: EventSink) {
    this.log = new LineLog(path);
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
