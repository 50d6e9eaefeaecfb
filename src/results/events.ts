/**
 * The event log (events.jsonl): a public, versioned format that reports, baselines and
 * other tools read. One JSON object per line, in the spirit of MLPerf's structured log:
 * a small fixed vocabulary of event types, each with wall time, time since run start,
 * epoch, global step and a typed value.
 *
 * A number that is not finite (the loss of a diverged run) is written as null: JSON has
 * no NaN or Infinity.
 *
 * Version 1. Adding a field to a value is compatible; renaming or removing one needs v2.
 */

export const EVENT_FORMAT_VERSION = 1;

export interface EventValues {
  run_start: { runId: string; experiment: string; variant: string; seed: number; engine: string; device: string };
  epoch_start: { learningRate: number };
  /**
   * Logged every `logEverySteps` steps. `loss`: the training loss of this one step (a
   * sample). `errors` (added in version 1, absent in older logs): the training top-k error
   * (dropout on) over every image of the steps since the previous step event, the window,
   * which can span an epoch end; fractions in 0..1 keyed like evaluation errors ("top1", ...).
   */
  step: { loss: number; errors?: Record<string, number>; learningRate: number; imagesPerSecond: number };
  /**
   * Added in version 1 (absent in older logs): logged with every step event, on that
   * step's batch and forward pass (dropout on). `norms`: the L2 norm of the gradient of the
   * loss with respect to each layer's kernel, before the update, keyed by layer ("conv1",
   * ..., "fc8"; the weight names without "/kernel"). `saturation`: per conv and hidden dense
   * layer, the fraction of the step's units (every image, position and channel) whose
   * activation derivative is below 10% of its maximum: tanh |y| > 0.9487, sigmoid
   * y < 0.0257 or y > 0.9743, ReLU y exactly 0 (src/models/saturation.ts).
   */
  gradients: { norms: Record<string, number>; saturation: Record<string, number> };
  /**
   * Evaluation of one split; errors are fractions in 0..1 keyed "top1", "top5", ... "train":
   * measured during the epoch (dropout on); "val": the validation split, centre crop;
   * "val-ten-crop": the paper's ten patches, after the last epoch, of the final net (the best
   * epoch's with early stopping's restoreBest); "holdout": the data set's holdout
   * (`dataset.holdout`, the split early stopping monitors); "train-eval": the first
   * `evaluation.trainEvalImages` training images in evaluation mode (centre crop, no dropout).
   */
  evaluation: { split: EvaluationSplit; loss: number; errors: Record<string, number>; examples: number };
  epoch_end: {
    learningRate: number;
    epochTimeMs: number;
    imagesPerSecond: number;
    /** Largest tensor memory seen so far (tfjs accounting), bytes. */
    peakTensorBytes: number;
  };
  /**
   * A checkpoint was written (path relative to the run folder). `resumed`: a resumed run
   * continued from it; the log was cut back to where the checkpoint was taken.
   */
  checkpoint: { path: string; resumed?: boolean };
  run_end: { status: RunStatus; message?: string };
}

export type RunStatus = 'completed' | 'diverged' | 'interrupted' | 'failed';

export type EvaluationSplit = 'train' | 'val' | 'val-ten-crop' | 'holdout' | 'train-eval';

export type EventType = keyof EventValues;
export const EVENT_TYPES: readonly EventType[] = [
  'run_start',
  'epoch_start',
  'step',
  'gradients',
  'evaluation',
  'epoch_end',
  'checkpoint',
  'run_end',
];

export interface BenchEvent<T extends EventType = EventType> {
  v: typeof EVENT_FORMAT_VERSION;
  type: T;
  /** Wall-clock time, ms since the Unix epoch. */
  timeMs: number;
  /** ms since the run started (monotonic clock). */
  elapsedMs: number;
  /** 1-based epoch; 0 before the first epoch starts. */
  epoch: number;
  /** Global optimisation steps completed so far. */
  step: number;
  value: EventValues[T];
}

/** Problems with one parsed event, empty when it is well formed. */
export function checkEvent(event: unknown): string[] {
  const problems: string[] = [];
  if (typeof event !== 'object' || event === null) return ['not an object'];
  const e = event as Record<string, unknown>;
  if (e.v !== EVENT_FORMAT_VERSION) problems.push(`v must be ${EVENT_FORMAT_VERSION}`);
  if (!EVENT_TYPES.includes(e.type as EventType)) problems.push(`unknown type ${JSON.stringify(e.type)}`);
  for (const key of ['timeMs', 'elapsedMs', 'epoch', 'step'] as const) {
    if (typeof e[key] !== 'number' || !Number.isFinite(e[key]) || (e[key] as number) < 0) {
      problems.push(`${key} must be a finite number >= 0`);
    }
  }
  if (typeof e.value !== 'object' || e.value === null) problems.push('value must be an object');
  return problems;
}
