/**
 * Test helper: hand-written results folders in the public results layout (experiment.resolved.json,
 * <run>/run.json, events.jsonl, summary.json, provenance.json, ensembles/*.json) with chosen
 * numbers, so tests of reports, baselines, compare, history and cite need no training.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeRun {
  runId: string;
  /** Matrix axes ({} without a matrix); the variant label is made from them. */
  axes?: Record<string, unknown>;
  seed?: number;
  /** Final val errors as fractions; valTop5 null leaves the metric out of summary.json (default valTop1 / 2). */
  valTop1: number;
  valTop5?: number | null;
  valLoss?: number;
  /** Training top-1 error per epoch, fractions (the learning curve and time to target). */
  trainTop1?: number[];
  /** 'in-progress' writes no summary.json; runs that did not complete have no val metrics. */
  status?: 'completed' | 'failed' | 'diverged' | 'interrupted' | 'in-progress';
  message?: string;
  engine?: string;
  imagesPerSecond?: number;
  /** Milliseconds per epoch for elapsedMs. */
  epochMs?: number;
  /** Default `w-<runId>`. */
  weightsSha256?: string | null;
  /** The git commit in provenance.json (default "c0ffee"; null: none). */
  commit?: string | null;
  /** Resolved settings written into run.json (default: none, as in older or hand-written results). */
  dataset?: Record<string, unknown>;
  model?: Record<string, unknown>;
  training?: Record<string, unknown>;
  evaluation?: Record<string, unknown>;
  augment?: Record<string, unknown>;
  /**
   * Windowed training top-1 error (fractions) of step events logged every `logEverySteps`
   * steps (default 5); null writes a step event without `errors`. Default: no step events.
   */
  stepTop1?: (number | null)[];
  logEverySteps?: number;
  /** Steps per epoch in the event log (default 10). */
  stepsPerEpoch?: number;
  /** summary.json `lrnActivity` (absent by default, as in older results). */
  lrnActivity?: Record<string, { mean: number; p95: number }> | null;
  /** Final ten-crop val errors (fractions); default none. */
  valTenCrop?: { top1: number; top5: number };
  /** Eval-mode training top-1 error per epoch (split "train-eval", fractions); the last is summary `final.trainEval`. Default none. */
  trainEvalTop1?: number[];
  /** `gradients` events (per-layer kernel gradient norms and saturated fractions) at the given steps. Default none. */
  gradients?: { step: number; norms: Record<string, number>; saturation: Record<string, number> }[];
  /** More summary.json fields (bestEpoch, earlyStopping, ...), written as given. */
  summaryExtra?: Record<string, unknown>;
}

export interface FakeExperiment {
  /** Default "exp". */
  name?: string;
  /** Folder name under the results folder (default: name; differs when the name is not a safe path). */
  folder?: string;
  description?: string;
  reference?: string;
  /** dataset.format written into the resolved experiment (default: none, no runs listed). */
  datasetFormat?: string;
  /** The resolved dataset of every run (experiment.resolved.json and each run.json unless the run sets its own). */
  dataset?: Record<string, unknown>;
  /** The experiment's `regression` block (compare tolerances). */
  regression?: Record<string, unknown>;
  runs: FakeRun[];
  /** Ensemble records; crop defaults to centre. */
  ensembles?: { id: string; members: string[]; top1: number; top5: number; crop?: 'centre' | 'ten-crop' }[];
}

const variantName = (axes: Record<string, unknown>) =>
  Object.keys(axes).sort().map((k) => `${k}=${axes[k] === true ? 'on' : axes[k] === false ? 'off' : String(axes[k])}`).join(',') || 'base';

function stepEvents(r: FakeRun): object[] {
  const perEpoch = r.stepsPerEpoch ?? 10;
  const every = r.logEverySteps ?? 5;
  const ms = r.epochMs ?? 1000;
  return (r.stepTop1 ?? []).map((top1, i) => {
    const step = (i + 1) * every;
    const value = { loss: 1, learningRate: 0.01, imagesPerSecond: 100, ...(top1 === null ? {} : { errors: { top1, top5: top1 / 2 } }) };
    return { v: 1, type: 'step', timeMs: 0, elapsedMs: Math.round((step / perEpoch) * ms) - 2, epoch: Math.ceil(step / perEpoch), step, value };
  });
}

function gradientEvents(r: FakeRun): object[] {
  const perEpoch = r.stepsPerEpoch ?? 10;
  return (r.gradients ?? []).map((g) => ({ v: 1, type: 'gradients', timeMs: 0, elapsedMs: 0, epoch: Math.ceil(g.step / perEpoch), step: g.step, value: { norms: g.norms, saturation: g.saturation } }));
}

function events(r: FakeRun, experiment: string): string {
  const curve = r.trainTop1 ?? [0.9, 0.5];
  const ms = r.epochMs ?? 1000;
  const perEpoch = r.stepsPerEpoch ?? 10;
  const steps = [...stepEvents(r), ...gradientEvents(r)].sort((a, b) => (a as { step: number }).step - (b as { step: number }).step);
  const lines: object[] = [{ v: 1, type: 'run_start', timeMs: 0, elapsedMs: 0, epoch: 0, step: 0, value: { runId: r.runId, experiment, variant: variantName(r.axes ?? {}), seed: r.seed ?? 1, engine: r.engine ?? 'wasm', device: 'CPU (test)' } }];
  curve.forEach((train, i) => {
    const epoch = i + 1;
    const last = epoch === curve.length;
    const val = last ? r.valTop1 : Math.min(1, r.valTop1 + 0.1 * (curve.length - epoch));
    lines.push(...steps.filter((e) => (e as { epoch: number }).epoch === epoch));
    lines.push({ v: 1, type: 'evaluation', timeMs: 0, elapsedMs: epoch * ms - 1, epoch, step: epoch * perEpoch, value: { split: 'train', loss: 1, errors: { top1: train, top5: train / 2 }, examples: 100 } });
    lines.push({ v: 1, type: 'evaluation', timeMs: 0, elapsedMs: epoch * ms - 1, epoch, step: epoch * perEpoch, value: { split: 'val', loss: 1, errors: { top1: val, top5: val / 2 }, examples: 50 } });
    const trainEval = r.trainEvalTop1?.[i];
    if (trainEval !== undefined) lines.push({ v: 1, type: 'evaluation', timeMs: 0, elapsedMs: epoch * ms - 1, epoch, step: epoch * perEpoch, value: { split: 'train-eval', loss: 1, errors: { top1: trainEval, top5: trainEval / 2 }, examples: 50 } });
    lines.push({ v: 1, type: 'epoch_end', timeMs: 0, elapsedMs: epoch * ms, epoch, step: epoch * perEpoch, value: { learningRate: 0.01, epochTimeMs: ms, imagesPerSecond: 100, peakTensorBytes: 0 } });
  });
  // Steps past the last whole epoch: a run that stopped inside an epoch.
  lines.push(...steps.filter((e) => (e as { epoch: number }).epoch > curve.length));
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
}

function summary(r: FakeRun, experiment: string): object {
  const errors: Record<string, number> = { top1: r.valTop1 };
  if (r.valTop5 !== null) errors.top5 = r.valTop5 ?? r.valTop1 / 2;
  const completed = (r.status ?? 'completed') === 'completed';
  return {
    schemaVersion: 1, runId: r.runId, experiment, variant: variantName(r.axes ?? {}), axes: r.axes ?? {}, seed: r.seed ?? 1, engine: r.engine ?? 'wasm',
    status: r.status ?? 'completed', ...(r.message ? { message: r.message } : {}),
    epochsCompleted: (r.trainTop1 ?? [0, 0]).length, steps: 20,
    final: {
      train: null, val: completed ? { loss: r.valLoss ?? 1, errors } : null, valTenCrop: completed && r.valTenCrop ? { loss: 1, errors: r.valTenCrop } : null,
      ...(completed && r.trainEvalTop1?.length ? { trainEval: { loss: 1, errors: { top1: r.trainEvalTop1[r.trainEvalTop1.length - 1]! } } } : {}),
    },
    best: null, finalLearningRate: 0.01,
    timings: { totalMs: 2000, meanEpochMs: 1000, imagesPerSecond: r.imagesPerSecond ?? 100 }, peakTensorBytes: 0,
    weightsSha256: r.weightsSha256 === undefined ? `w-${r.runId}` : r.weightsSha256, dataFingerprint: 'x', dataSkippedFiles: 0,
    ...(r.lrnActivity !== undefined ? { lrnActivity: r.lrnActivity } : {}),
    ...(r.summaryExtra ?? {}),
  };
}

function writeRun(expDir: string, experiment: string, r: FakeRun, dataset: Record<string, unknown> | undefined): void {
  const runDir = join(expDir, r.runId);
  mkdirSync(runDir, { recursive: true });
  const engine = r.engine ?? 'wasm';
  const resolved = { dataset: r.dataset ?? dataset, model: r.model, training: r.training, evaluation: r.evaluation, augment: r.augment };
  const settings = Object.fromEntries(Object.entries(resolved).filter(([, v]) => v !== undefined));
  writeFileSync(join(runDir, 'run.json'), JSON.stringify({ runId: r.runId, engine, experiment, variant: variantName(r.axes ?? {}), axes: r.axes ?? {}, seed: r.seed ?? 1, ...settings }));
  writeFileSync(join(runDir, 'events.jsonl'), events(r, experiment));
  const commit = r.commit === undefined ? 'c0ffee' : r.commit;
  writeFileSync(join(runDir, 'provenance.json'), JSON.stringify({ git: { commit, dirty: false }, engine: { name: engine, version: 'test', device: 'CPU (test)' } }));
  if (r.status !== 'in-progress') writeFileSync(join(runDir, 'summary.json'), JSON.stringify(summary(r, experiment)));
}

/** Writes <dir>/<folder>/... for each experiment and returns <dir>. */
export function writeResults(dir: string, experiments: FakeExperiment[]): string {
  for (const e of experiments) {
    const name = e.name ?? 'exp';
    const expDir = join(dir, e.folder ?? name);
    mkdirSync(expDir, { recursive: true });
    const resolved = {
      schemaVersion: 1, name, ...(e.description ? { description: e.description } : {}), ...(e.reference ? { reference: e.reference } : {}),
      runs: e.dataset ? [{ dataset: e.dataset }] : e.datasetFormat ? [{ dataset: { format: e.datasetFormat } }] : [], ...(e.regression ? { regression: e.regression } : {}),
    };
    writeFileSync(join(expDir, 'experiment.resolved.json'), JSON.stringify(resolved));
    for (const r of e.runs) writeRun(expDir, name, r, e.dataset);
    if (e.ensembles?.length) {
      mkdirSync(join(expDir, 'ensembles'), { recursive: true });
      for (const en of e.ensembles) {
        writeFileSync(join(expDir, 'ensembles', `${en.id}.json`), JSON.stringify({ version: 1, kind: 'ensemble', experiment: name, members: en.members, memberCount: en.members.length, split: 'val', crop: en.crop ?? 'centre', loss: 1, errors: { top1: en.top1, top5: en.top5 }, examples: 50, engine: 'wasm', createdBy: 'test' }));
      }
    }
  }
  return dir;
}

/** An LRN/none grid (axis `normalization`) over the given seeds: per seed, LRN has error `on[i]`, none `off[i]` (fractions). */
export function lrnGrid(name: string, on: number[], off: number[]): FakeExperiment {
  const runs: FakeRun[] = [];
  on.forEach((v, i) => runs.push({ runId: `on-${i + 1}`, axes: { normalization: 'lrn' }, seed: i + 1, valTop1: v, valTop5: v / 2, trainTop1: [0.9, 0.4, 0.2] }));
  off.forEach((v, i) => runs.push({ runId: `off-${i + 1}`, axes: { normalization: 'none' }, seed: i + 1, valTop1: v, valTop5: v / 2, trainTop1: [0.9, 0.6, 0.3] }));
  return { name, runs };
}

/** Writes `<dir>/perf/<name>.json`, a `bench perf --out` record with the given fields over defaults (the paper's net, wasm). */
export function writePerfRecord(dir: string, name: string, fields: Record<string, unknown> = {}): void {
  mkdirSync(join(dir, 'perf'), { recursive: true });
  const record = {
    version: 1, kind: 'perf', name, engine: 'wasm', engineVersion: 'test', device: 'CPU (test)', variant: 'paper', lrn: true, inputSize: 227, batchSize: 32, parameters: 60965224,
    train: { imagesPerSecond: 4, stepMsMedian: 8000, steps: 3 }, inference: { imagesPerSecond: 12, batchMsMedian: 2600, batches: 3 },
    peakTensorBytes: 3 * 2 ** 30, rssBytes: 4 * 2 ** 30, peakRssBytes: 5 * 2 ** 30, wasmHeapBytes: 4 * 2 ** 30, kernels: [],
    date: '2026-01-01T00:00:00.000Z', commit: 'c0ffee', dirty: false, node: 'v20', host: { platform: 'linux', arch: 'x64', cpu: 'test', cores: 2 },
    ...fields,
  };
  writeFileSync(join(dir, 'perf', `${name}.json`), JSON.stringify(record));
}
