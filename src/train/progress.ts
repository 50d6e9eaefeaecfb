/**
 * What the training layer reports while runs train; the CLI implements it
 * (src/cli/progress.ts draws it on a terminal, in plain lines or as JSON).
 */
import type { EventSink } from '../results/recorder.js';
import type { RunSummary } from '../results/summary.js';
import type { BatchProgress } from './train.js';

export interface RunLabel {
  index: number;
  total: number;
  runId: string;
  experiment: string;
  variant: string;
  seed: number;
}

export interface Progress extends EventSink {
  info(message: string): void;
  runStart(label: RunLabel): void;
  batch(p: BatchProgress): void;
  runSkipped(label: RunLabel, reason: string): void;
  runEnd(label: RunLabel, summary: RunSummary): void;
}
