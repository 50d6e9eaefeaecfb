/**
 * What the study's sections read from one run besides its final errors: the eval-mode
 * training error (the "train-eval" split), the epoch early stopping chose, the gradient
 * health logged at each log point, and the augmentation and activation it ran with. Every
 * field is optional in the records (results of older versions lack them): a missing one is
 * null or empty here, never a guess.
 */
import type { BenchEvent } from '../../results/events.js';
import type { RunSummary } from '../../results/summary.js';

/** One `gradients` event: per-layer kernel gradient L2 norms and saturated fractions. */
export interface GradientPoint {
  step: number;
  norms: Record<string, number>;
  saturation: Record<string, number>;
}

export interface RunFacts {
  /** Final eval-mode training top-1 error (summary `final.trainEval`), fraction; null when not evaluated. */
  trainEvalTop1: number | null;
  /** Eval-mode training top-1 error per evaluated epoch (evaluation events of split "train-eval"). */
  trainEvalEpochs: { epoch: number; top1: number }[];
  /** summary `bestEpoch`: the epoch early stopping chose (or would have), its monitored split and its val top-1 (fraction). */
  bestEpoch: { epoch: number; monitor: string; valTop1: number | null } | null;
  /** summary `earlyStopping`; null when early stopping was off or not recorded. */
  earlyStopping: { stoppedAtEpoch: number | null; restoredBest: boolean; monitor: string } | null;
  gradients: GradientPoint[];
  /** `model.activation` of run.json; null when not recorded. */
  activation: string | null;
  /** PCA lighting's eigenvalues (run.json `augment.lighting`); null when lighting was off or not recorded. */
  lightingEigenvalues: number[] | null;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function numberMap(v: unknown): Record<string, number> {
  const o = obj(v) ?? {};
  return Object.fromEntries(Object.entries(o).filter(([, x]) => num(x) !== null)) as Record<string, number>;
}

function top1Of(split: unknown): number | null {
  return num(obj(obj(split)?.errors)?.top1);
}

function bestEpochOf(summary: Json | null): RunFacts['bestEpoch'] {
  const b = obj(summary?.bestEpoch);
  const epoch = num(b?.epoch);
  if (!b || epoch === null) return null;
  return { epoch, monitor: str(b.monitor) ?? 'val', valTop1: top1Of(b.val) };
}

function earlyStoppingOf(summary: Json | null): RunFacts['earlyStopping'] {
  const e = obj(summary?.earlyStopping);
  if (!e) return null;
  return { stoppedAtEpoch: num(e.stoppedAtEpoch), restoredBest: e.restoredBest === true, monitor: str(e.monitor) ?? 'val' };
}

function lightingOf(run: Json | null): number[] | null {
  const values = obj(obj(run?.augment)?.lighting)?.eigenvalues;
  return Array.isArray(values) && values.every((v) => num(v) !== null) ? (values as number[]) : null;
}

/** The study facts of one run from its run.json, summary.json and event log. */
export function runFacts(run: unknown, summary: RunSummary | null, events: readonly BenchEvent[]): RunFacts {
  const s = summary as unknown as Json | null;
  const trainEvalEpochs: RunFacts['trainEvalEpochs'] = [];
  const gradients: GradientPoint[] = [];
  for (const e of events) {
    const value = obj(e.value);
    if (e.type === 'evaluation' && value?.split === 'train-eval') {
      const top1 = top1Of(value);
      if (top1 !== null && e.epoch > 0) trainEvalEpochs.push({ epoch: e.epoch, top1 });
    }
    // `gradients` is a later, compatible addition to the event log: older logs have none.
    if ((e.type as string) === 'gradients' && value) gradients.push({ step: e.step, norms: numberMap(value.norms), saturation: numberMap(value.saturation) });
  }
  return {
    trainEvalTop1: top1Of(obj(s?.final)?.trainEval),
    trainEvalEpochs,
    bestEpoch: bestEpochOf(s),
    earlyStopping: earlyStoppingOf(s),
    gradients,
    activation: str(obj(obj(run)?.model)?.activation),
    lightingEigenvalues: lightingOf(obj(run)),
  };
}
