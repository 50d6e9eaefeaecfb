/**
 * What the user sees while runs train. Three modes:
 * - "tty": one live line per run (epoch, batch, loss, img/s, ETA), redrawn in place;
 * - "plain": one line per epoch and per run end (logs, CI);
 * - "json": every event as one JSON line on stdout, plus run outcomes (machine-readable).
 * Progress goes to stderr in tty/plain mode so stdout stays clean for summaries.
 */
import type { BenchEvent } from '../results/events.js';
import type { RunSummary } from '../results/summary.js';
import type { Progress, RunLabel } from '../train/progress.js';

export type ProgressMode = 'tty' | 'plain' | 'json';

type Write = (text: string) => void;

export interface ProgressOptions {
  mode: ProgressMode;
  out?: Write;
  err?: Write;
}

export function createProgress({ mode, out = (s) => process.stdout.write(s), err = (s) => process.stderr.write(s) }: ProgressOptions): Progress {
  if (mode === 'json') return jsonProgress(out);
  return textProgress(mode === 'tty', err);
}

function pct(fraction: number | undefined): string {
  return fraction === undefined ? '-' : `${(100 * fraction).toFixed(1)}%`;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

function tag(label: RunLabel): string {
  return `[${label.index}/${label.total}] ${label.experiment} ${label.variant} seed=${label.seed} (${label.runId})`;
}

/** "; LRN (formula alpha) divided conv1 by 1.13 on average, conv2 by 1.02" for a net with LRN. */
function lrnText(summary: RunSummary): string {
  const activity = summary.lrnActivity;
  if (!activity) return '';
  const layers = Object.entries(activity).map(([layer, a]) => `${layer} by ${a.mean.toFixed(2)}`).join(', ');
  return `; LRN (${summary.lrnAlphaReading ?? 'formula'} alpha) divided ${layers} on average`;
}

export function summaryLine(summary: RunSummary): string {
  const val = summary.final.val;
  const errors = val ? Object.entries(val.errors).map(([k, v]) => `val ${k} error ${pct(v)}`).join(', ') : 'no validation';
  const speed = `${summary.timings.imagesPerSecond.toFixed(0)} img/s`;
  return `${summary.status}: ${errors}; ${summary.epochsCompleted} epochs, ${duration(summary.timings.totalMs / 1000)}, ${speed}${lrnText(summary)}`;
}

function textProgress(live: boolean, write: Write): Progress {
  let current: RunLabel | null = null;
  let lineOpen = false;
  let runStartedMs = 0;
  const clear = () => {
    if (lineOpen) write('\r\x1b[2K');
    lineOpen = false;
  };
  const line = (text: string) => {
    clear();
    write(`${text}\n`);
  };
  return {
    info: (message) => line(message),
    runStart(label) {
      current = label;
      runStartedMs = performance.now();
      line(`${tag(label)} training`);
    },
    batch(p) {
      if (!live || !current) return;
      // ETA from the run's own pace so far (evaluation time included).
      const secondsPerBatch = (performance.now() - runStartedMs) / 1000 / p.step;
      const remaining = (p.epochs - p.epoch) * p.batches + (p.batches - p.batch);
      const loss = p.loss === null ? '-' : p.loss.toFixed(4);
      write(
        `\r\x1b[2K  epoch ${p.epoch}/${p.epochs} batch ${p.batch}/${p.batches} loss ${loss} ` +
          `${p.imagesPerSecond.toFixed(0)} img/s ETA ${duration(remaining * secondsPerBatch)}`,
      );
      lineOpen = true;
    },
    onEvent(event: BenchEvent) {
      if (event.type !== 'epoch_end' || !current) return;
      const v = event.value as BenchEvent<'epoch_end'>['value'];
      line(`  epoch ${event.epoch} done in ${duration(v.epochTimeMs / 1000)} (${v.imagesPerSecond.toFixed(0)} img/s, lr ${v.learningRate})`);
    },
    runSkipped: (label, reason) => line(`${tag(label)} skipped: ${reason}`),
    runEnd(label, summary) {
      line(`${tag(label)} ${summaryLine(summary)}`);
      current = null;
    },
  };
}

function jsonProgress(write: Write): Progress {
  const emit = (value: unknown) => write(`${JSON.stringify(value)}\n`);
  return {
    info: (message) => emit({ type: 'info', message }),
    runStart: (label) => emit({ type: 'run', status: 'started', ...label }),
    batch: () => undefined,
    onEvent: (event) => emit({ ...event }),
    runSkipped: (label, reason) => emit({ type: 'run', status: 'skipped', reason, ...label }),
    runEnd: (label, summary) => emit({ type: 'run', ...label, status: summary.status, summary }),
  };
}
