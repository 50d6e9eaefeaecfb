/**
 * Ensembles of tiny trained runs: one member reproduces the run's own validation metrics,
 * several members give a plausible, deterministic result, and members that cannot be
 * compared are refused before any work.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { cpSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateEnsemble, ensembleId, formatEnsembleTable } from '../../src/ensemble/ensemble.js';
import { createProgress } from '../../src/cli/progress.js';
import { runExperiments, type RunOutcome } from '../../src/train/run-experiments.js';
import type { RunSummary } from '../../src/results/summary.js';
import { inputError } from '../helpers/errors.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

const quiet = createProgress({ mode: 'plain', err: () => undefined });
const base = tinyExperiment();

/** 10 classes (so top-5 is not trivially 0), 20 px images cropped to 16 (so ten-crop has distinct patches). */
function experiment(name: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...base,
    name,
    dataset: { ...(base.dataset as object), classes: 10, imageSize: 20, trainSize: 80, valSize: 30 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.02, schedule: { type: 'constant' }, logEverySteps: 5 },
    evaluation: { topK: [1, 5], tenCrop: true },
    seeds: [1, 2, 3],
    ...overrides,
  };
}

async function train(dir: string, exp: Record<string, unknown>, outDir: string): Promise<RunOutcome[]> {
  const file = writeExperiment(dir, `${exp.name as string}.json`, exp);
  const outcomes = await runExperiments({ files: [file], engine: 'wasm', outDir, force: false, progress: quiet, shouldStop: () => false });
  return outcomes;
}

const summaryOf = (o: RunOutcome) => JSON.parse(readFileSync(o.summaryPath, 'utf8')) as RunSummary;

t.test('ensembles of tiny runs', async (t) => {
  const dir = t.testdir({});
  const results = join(dir, 'results');
  const runs = await train(dir, experiment('tiny'), results);
  t.same(runs.map((r) => r.status), ['completed', 'completed', 'completed']);
  const runDir = (o: RunOutcome) => join(results, 'tiny', o.runId);

  await t.test('one member reproduces its run exactly', async (t) => {
    const summary = summaryOf(runs[0]);
    const outcomes = await evaluateEnsemble({ paths: [runDir(runs[0])], engine: 'wasm' });
    t.same(outcomes.map((o) => o.record.crop), ['centre', 'ten-crop']);
    const [centre, ten] = outcomes.map((o) => o.record);
    // Same engine, weights, batches and tie rule: the error counts are identical, not close.
    t.same(centre.errors, summary.final.val!.errors);
    t.same(ten.errors, summary.final.valTenCrop!.errors);
    // The loss is summed in float64 here and in float32 on the engine: 1e-5 covers float32 rounding of a mean of 30 terms near 2.3.
    t.ok(Math.abs(centre.loss - summary.final.val!.loss) < 1e-5, `loss ${centre.loss} vs ${summary.final.val!.loss}`);
    t.ok(Math.abs(ten.loss - summary.final.valTenCrop!.loss) < 1e-5, `ten-crop loss ${ten.loss} vs ${summary.final.valTenCrop!.loss}`);
  });

  await t.test('an experiment folder ensembles its completed runs, deterministically, in the contract format', async (t) => {
    const first = await evaluateEnsemble({ paths: [join(results, 'tiny')], engine: 'wasm' });
    const tensorsBefore = tf.memory().numTensors;
    const again = await evaluateEnsemble({ paths: runs.map(runDir).reverse(), engine: 'wasm' });
    t.equal(tf.memory().numTensors, tensorsBefore, 'no tensor outlives the evaluation (models, weights, batches disposed)');
    t.same(again, first, 'same members in any order: same records and files');
    const ids = runs.map((r) => r.runId).sort();
    for (const { record, path } of first) {
      t.same(Object.keys(record).sort(), ['createdBy', 'crop', 'engine', 'errors', 'examples', 'experiment', 'kind', 'loss', 'memberCount', 'members', 'split', 'version']);
      t.match(record, { version: 1, kind: 'ensemble', experiment: 'tiny', members: ids, memberCount: 3, split: 'val', examples: 30, engine: 'wasm' });
      t.match(record.createdBy, /^bench eval \d+\.\d+\.\d+/);
      t.equal(path, join(results, 'tiny', 'ensembles', `${ensembleId(ids, record.crop, 'wasm')}.json`));
      t.same(JSON.parse(readFileSync(path, 'utf8')), record);
      for (const k of ['top1', 'top5']) t.ok(record.errors[k] >= 0 && record.errors[k] <= 1, `${k} is a fraction`);
      t.ok(record.errors.top5 <= record.errors.top1, 'top-5 error never above top-1');
      t.ok(Number.isFinite(record.loss) && record.loss > 0);
    }
    t.same(readdirSync(join(results, 'tiny', 'ensembles')).length, 2 + 2, 'one file per crop for the 1-member and the 3-member ensembles');
    t.match(formatEnsembleTable(first), /centre\s+3\s+\d+\.\d\d%/);
  });

  await t.test('--variant picks runs of experiment folders', async (t) => {
    const msg = await inputError(t, () => evaluateEnsemble({ paths: [join(results, 'tiny')], variants: ['lrn=off'], engine: 'wasm' }));
    t.match(msg, /no completed run of variant "lrn=off"; completed variants here: "base"/);
    const picked = await evaluateEnsemble({ paths: [join(results, 'tiny')], variants: ['base'], engine: 'wasm' });
    t.equal(picked[0].record.memberCount, 3);
  });

  await t.test('members that cannot be compared are refused', async (t) => {
    const other = await train(dir, experiment('other', { seeds: [4] }), results);
    const mixed = await inputError(t, () => evaluateEnsemble({ paths: [runDir(runs[0]), join(results, 'other', other[0].runId)], engine: 'wasm' }));
    t.match(mixed, /ensemble members differ in experiment: .*"other".*"tiny"|ensemble members differ in experiment: .*"tiny".*"other"/);
    t.match(mixed, /--mixed-experiments/);
    const allowed = await evaluateEnsemble({ paths: [runDir(runs[0]), join(results, 'other', other[0].runId)], mixedExperiments: true, engine: 'wasm' });
    t.equal(allowed[0].record.memberCount, 2, 'same data and input across experiments is allowed when asked');

    const bigger = await train(dir, experiment('bigger', { seeds: [4], dataset: { ...(experiment('x').dataset as object), dataSeed: 2 } }), results);
    const data = await inputError(t, () => evaluateEnsemble({ paths: [runDir(runs[0]), join(results, 'bigger', bigger[0].runId)], mixedExperiments: true, engine: 'wasm' }));
    t.match(data, /ensemble members differ in data set \(fingerprint\): run \w+ has "sha256:[0-9a-f]+", run \w+ has "sha256:[0-9a-f]+"; ensemble runs trained and evaluated on the same data/);

    const small = await train(dir, experiment('small', { seeds: [4], model: { ...(base.model as object), inputSize: 20 } }), results);
    const input = await inputError(t, () => evaluateEnsemble({ paths: [runDir(runs[0]), join(results, 'small', small[0].runId)], mixedExperiments: true, engine: 'wasm' }));
    t.match(input, /ensemble members differ in model input size: run \w+ has (16|20), run \w+ has (16|20); ensemble runs with the same model.inputSize/);

    t.match(await inputError(t, () => evaluateEnsemble({ paths: [runDir(runs[0]), runDir(runs[0])], engine: 'wasm' })), /is named twice/);
    t.match(await inputError(t, () => evaluateEnsemble({ paths: [join(dir, 'nope')], engine: 'wasm' })), /nope: not a run folder/);
  });

  await t.test('a run that did not complete is refused with its status', async (t) => {
    const copy = join(dir, 'results', 'tiny', 'unfinished');
    cpSync(runDir(runs[1]), copy, { recursive: true });
    const summary = summaryOf(runs[1]);
    writeFileSync(join(copy, 'summary.json'), JSON.stringify({ ...summary, status: 'interrupted' }));
    const msg = await inputError(t, () => evaluateEnsemble({ paths: [copy], engine: 'wasm' }));
    t.match(msg, /unfinished: the run is not completed \(status "interrupted"\)/);
  });
});

t.test('a member with batch normalization is evaluated with its saved running statistics', async (t) => {
  const dir = t.testdir({});
  const results = join(dir, 'results');
  const [run] = await train(dir, experiment('bn', { seeds: [1], model: { ...(base.model as object), normalization: 'batchnorm' } }), results);
  t.equal(run.status, 'completed');
  const summary = summaryOf(run);
  const [centre] = (await evaluateEnsemble({ paths: [join(results, 'bn', run.runId)], engine: 'wasm' })).map((o) => o.record);
  // As for the plain member above: identical counts, the loss within float32 rounding. With
  // the running statistics of a fresh net (5 steps of momentum 0.1 away) neither would hold.
  t.same(centre.errors, summary.final.val!.errors);
  t.ok(Math.abs(centre.loss - summary.final.val!.loss) < 1e-5, `loss ${centre.loss} vs ${summary.final.val!.loss}`);
});
