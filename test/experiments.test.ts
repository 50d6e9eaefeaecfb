/**
 * Every experiment file in experiments/ declares "$schema", validates, and runs end to end
 * at tiny scale (few images, one epoch, one seed, every matrix variant), so a committed
 * experiment can never be broken.
 */
import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateExperimentFile } from '../src/harness/experiment/validate.js';
import { runExperiments } from '../src/harness/run/run-experiments.js';
import { createProgress } from '../src/harness/progress.js';
import { writeExperiment } from './helpers/experiments.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const experimentsDir = join(root, 'experiments');

function experimentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return experimentFiles(path);
    return name.endsWith('.json') && name !== 'schema.json' ? [path] : [];
  });
}

/** The same experiment, shrunk: the point is that it runs, not what it learns. */
function shrink(experiment: Record<string, any>): Record<string, unknown> {
  const dataset = { ...experiment.dataset };
  if (dataset.format === 'synthetic') Object.assign(dataset, { trainSize: 16, valSize: 8 });
  else Object.assign(dataset, { trainLimit: 16, valLimit: 8 });
  return {
    ...experiment,
    $schema: undefined,
    dataset,
    training: { ...experiment.training, epochs: 1, batchSize: 8 },
    seeds: experiment.seeds.slice(0, 1),
  };
}

const files = experimentFiles(experimentsDir);
t.ok(files.length > 0, 'there are experiment files');

for (const file of files) {
  const name = relative(root, file);
  t.test(name, async (t) => {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    t.type(raw.$schema, 'string', 'declares $schema');
    validateExperimentFile(file);
    const dir = t.testdir({});
    const tiny = writeExperiment(dir, 'tiny.json', shrink(raw));
    const outcomes = await runExperiments({
      files: [tiny], engine: 'wasm', outDir: join(dir, 'results'), force: false,
      progress: createProgress({ mode: 'plain', err: () => undefined }), shouldStop: () => false,
    });
    t.ok(outcomes.length > 0);
    for (const o of outcomes) t.equal(o.status, 'completed', `${o.variant} completed`);
  });
}
