/** Test helper: tiny experiments that train in seconds on a 2-core machine. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
