/** Test helper: tiny experiments that train in seconds on a 2-core machine. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProgress } from '../../src/cli/progress.js';
import type { Progress } from '../../src/train/progress.js';
import { runExperiments, type RunOutcome } from '../../src/train/run-experiments.js';

/** 4 classes of 16 px images, a net about 1/16 of AlexNet's width with a 3x3 stem. */
export function tinyExperiment(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'tiny',
    dataset: { format: 'synthetic', classes: 4, imageSize: 16, trainSize: 64, valSize: 32, noise: 0.3, dataSeed: 1, pixelScale: 0.02 },
    model: { variant: 'owt', inputSize: 16, stem: { kernelSize: 3, stride: 1, padding: 1 }, widthFactor: 0.0625, initStd: 0.05, positiveBias: 0.1 },
    training: { epochs: 2, batchSize: 16, learningRate: 0.01, schedule: { type: 'constant' }, logEverySteps: 2 },
    seeds: [1],
    ...overrides,
  };
}

export function writeExperiment(dir: string, file: string, experiment: Record<string, unknown>): string {
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(experiment, null, 2));
  return path;
}

export interface TrainOptions {
  outDir: string;
  resume?: boolean;
  /** Stop (as Ctrl-C does) once this many batches have trained. */
  stopAfterBatches?: number;
  /** Where progress goes; silent by default. */
  progress?: Progress;
}

/** Trains the one run of an experiment file on wasm, optionally stopping it after some batches. */
export async function trainOnce(file: string, o: TrainOptions): Promise<RunOutcome> {
  let batches = 0;
  const progress = { ...(o.progress ?? createProgress({ mode: 'plain', err: () => undefined })), batch: () => void batches++ };
  const stop = o.stopAfterBatches;
  const [outcome] = await runExperiments({
    files: [file], engine: 'wasm', outDir: o.outDir, force: false, resume: o.resume, progress,
    shouldStop: () => stop !== undefined && batches >= stop,
  });
  return outcome;
}
