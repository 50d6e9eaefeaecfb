/** Test helper: resolve an experiment given as a value, or collect the problems resolving it reports. */
import { InputError } from '../../src/core/errors.js';
import { resolveExperiment, type ResolvedExperiment } from '../../src/experiment/resolve.js';
import { validateExperimentText } from '../../src/experiment/validate.js';

/** A small owt net on 32 px images (owt: one tower, no LRN by default) that resolves without touching the defaults of interest. */
export const small = {
  name: 'small',
  dataset: { format: 'synthetic' },
  model: { variant: 'owt', inputSize: 32, stem: { kernelSize: 5, stride: 1, padding: 2 } },
  training: { epochs: 2 },
  seeds: [1],
};

export function resolveText(value: unknown, file = 'x.json'): ResolvedExperiment {
  return resolveExperiment(validateExperimentText(JSON.stringify(value), file));
}

/** The lines of the InputError resolving `value` throws; none when it resolves. */
export function resolveProblems(value: unknown): string[] {
  try {
    resolveText(value);
  } catch (e) {
    if (e instanceof InputError) return e.message.split('\n');
    throw e;
  }
  return [];
}
