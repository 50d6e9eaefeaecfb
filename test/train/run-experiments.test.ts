import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExperiments, type RunOutcome } from '../../src/train/run-experiments.js';
import { createProgress } from '../../src/cli/progress.js';
import { checkEvent } from '../../src/results/events.js';
import type { RunSummary } from '../../src/results/summary.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

const quiet = createProgress({ mode: 'plain', err: () => undefined });

async function run(dir: string, file: string, outDir: string, force = false): Promise<RunOutcome[]> {
  return runExperiments({ files: [file], engine: 'wasm', outDir, force, progress: quiet, shouldStop: () => false });
}

function summaryOf(outcome: RunOutcome): RunSummary {
  return JSON.parse(readFileSync(outcome.summaryPath, 'utf8')) as RunSummary;
}

t.test('a run writes every record, well formed, and learns', async (t) => {
  const dir = t.testdir({});
  const base = tinyExperiment();
  // Wide and long enough to leave the initial plateau (narrower nets at 16 px stay at chance).
  const file = writeExperiment(dir, 'tiny.json', {
    ...base,
    dataset: { ...(base.dataset as object), trainSize: 512 },
    model: { ...(base.model as object), widthFactor: 0.125 },
    training: { epochs: 4, batchSize: 16, learningRate: 0.02, schedule: { type: 'constant' }, logEverySteps: 8 },
  });
  // The first run of the file registers the engine; count tensors from a warm process.
  await run(dir, file, join(dir, 'warm'));
  const tensorsBefore = tf.memory().numTensors;
  const [outcome] = await run(dir, file, join(dir, 'results'));
  t.equal(outcome.status, 'completed');
  const runDir = join(dir, 'results', 'tiny', outcome.runId);
  t.same(readdirSync(runDir).sort(), ['events.jsonl', 'provenance.json', 'run.json', 'summary.json', 'weights']);
  t.same(readdirSync(join(runDir, 'weights')).sort(), ['model.json', 'weights.bin']);
  t.ok(existsSync(join(dir, 'results', 'tiny', 'experiment.resolved.json')));
  const events = readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const e of events) t.same(checkEvent(e), [], `event ${e.type} is well formed`);
  t.equal(events[0].type, 'run_start');
  t.equal(events.at(-1).type, 'run_end');
  t.equal(events.filter((e) => e.type === 'epoch_end').length, 4);
  t.ok(events.some((e) => e.type === 'step'), 'step samples are logged');
  const summary = summaryOf(outcome);
  t.equal(summary.epochsCompleted, 4);
  t.equal(summary.steps, 128);
  t.match(summary.weightsSha256, /^[0-9a-f]{64}$/);
  t.ok(summary.final.val && summary.final.val.errors.top1 < 0.75, `learns: val top-1 error ${summary.final.val?.errors.top1} below chance 0.75`);
  t.equal(tf.memory().numTensors - tensorsBefore, 0, 'a whole run (training, evaluation, weights) leaks no tensors');
  const provenance = JSON.parse(readFileSync(join(runDir, 'provenance.json'), 'utf8'));
  t.equal(provenance.engine.name, 'wasm');
  t.equal(provenance.dataFingerprint, summary.dataFingerprint);
});

t.test('same seed and engine: bit-identical weights and metrics; another seed: other weights', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ seeds: [1, 2] }));
  const first = await run(dir, file, join(dir, 'a'));
  const second = await run(dir, file, join(dir, 'b'));
  const [a1, a2] = first.map(summaryOf);
  const [b1] = second.map(summaryOf);
  t.equal(b1.weightsSha256, a1.weightsSha256, 'same seed, same weights');
  t.same(b1.final, a1.final, 'same seed, same metrics');
  t.not(a2.weightsSha256, a1.weightsSha256, 'different seeds, different weights');
  t.equal(first[0].runId, second[0].runId, 'the run id does not depend on the output folder');
});

t.test('finished runs are skipped unless forced', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ training: { epochs: 1, batchSize: 32 } }));
  const out = join(dir, 'results');
  t.equal((await run(dir, file, out))[0].status, 'completed');
  t.equal((await run(dir, file, out))[0].status, 'skipped');
  t.equal((await run(dir, file, out, true))[0].status, 'completed');
});

t.test('a diverging run stops with status "diverged" and no weights', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ training: { epochs: 2, batchSize: 16, learningRate: 1e6, schedule: { type: 'constant' }, logEverySteps: 1 } }));
  const [outcome] = await run(dir, file, join(dir, 'results'));
  t.equal(outcome.status, 'diverged');
  const summary = summaryOf(outcome);
  t.match(summary.message, /loss became (NaN|Infinity)/);
  t.equal(summary.weightsSha256, null);
  t.ok(summary.steps < 8, 'stopped early instead of finishing the epochs');
  const events = readFileSync(join(dir, 'results', 'tiny', outcome.runId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const steps = events.filter((e) => e.type === 'step');
  t.equal(steps.at(-1).value.loss, null, 'the non-finite loss is logged as null (JSON has no NaN), not as a number');
  for (const e of steps) t.ok(e.value.errors.top1 >= 0 && e.value.errors.top1 <= 1, `step ${e.step} has its window's error`);
  t.match(events.at(-1), { type: 'run_end', value: { status: 'diverged' } });
});

t.test('a run diverging after an epoch keeps the metrics last measured, no others', async (t) => {
  const dir = t.testdir({});
  // Learning rate 5 diverges in epoch 2 on this net and data.
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ training: { epochs: 4, batchSize: 16, learningRate: 5, schedule: { type: 'constant' }, logEverySteps: 1 } }));
  const [outcome] = await run(dir, file, join(dir, 'results'));
  t.equal(outcome.status, 'diverged');
  const summary = summaryOf(outcome);
  t.ok(summary.epochsCompleted >= 1, `diverged after a measured epoch (${summary.epochsCompleted}), so the checks below compare numbers`);
  const events = readFileSync(join(dir, 'results', 'tiny', outcome.runId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const last = (split: string) => events.filter((e) => e.type === 'evaluation' && e.value.split === split).at(-1);
  for (const split of ['train', 'val'] as const) {
    const e = last(split);
    t.same(summary.final[split], { loss: e.value.loss, errors: e.value.errors }, `final ${split}: the last ${split} evaluation (epoch ${e.epoch})`);
    t.equal(e.epoch, summary.epochsCompleted);
  }
  const vals = events.filter((e) => e.type === 'evaluation' && e.value.split === 'val');
  const lowest = vals.reduce((a, b) => (b.value.errors.top1 < a.value.errors.top1 ? b : a));
  t.same(summary.best, { valTop1Error: lowest.value.errors.top1, epoch: lowest.epoch }, 'best: the lowest val error measured');
  t.match(summary.message, new RegExp(`loss became (NaN|Infinity) at epoch ${summary.epochsCompleted + 1}`));
});

t.test('a stop request ends the run after the current batch, marked interrupted', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment());
  let batches = 0;
  const progress = { ...quiet, batch: () => void batches++ };
  const [outcome] = await runExperiments({ files: [file], engine: 'wasm', outDir: join(dir, 'r'), force: false, progress, shouldStop: () => batches >= 2 });
  t.equal(outcome.status, 'interrupted');
  t.equal(summaryOf(outcome).steps, 2);
  await t.rejects(run(dir, file, join(dir, 'r')), /pass --resume to continue it/, 'its checkpoint is not discarded silently');
  const [resumed] = await runExperiments({ files: [file], engine: 'wasm', outDir: join(dir, 'r'), force: false, resume: true, progress: quiet, shouldStop: () => false });
  t.equal(resumed.status, 'completed', 'an interrupted run continues with --resume');
});

t.test('augmentation and ten-crop evaluation: seeded, recorded, and they change the numbers', async (t) => {
  const dir = t.testdir({});
  const base = tinyExperiment();
  const augmented = {
    ...base,
    name: 'aug',
    dataset: { ...(base.dataset as object), imageSize: 20 },
    augment: { randomCrop: true, flip: true, lighting: true },
    evaluation: { tenCrop: true },
  };
  const file = writeExperiment(dir, 'aug.json', augmented);
  const [a] = await run(dir, file, join(dir, 'a'));
  const [b] = await run(dir, file, join(dir, 'b'));
  t.equal(a.status, 'completed');
  const sa = summaryOf(a);
  t.equal(summaryOf(b).weightsSha256, sa.weightsSha256, 'augmentation is seeded: same seed, same weights');
  const [w] = await runExperiments({
    files: [file], engine: 'wasm', outDir: join(dir, 'w'), force: false, progress: quiet, shouldStop: () => false,
    loader: { workers: 2, prefetchBatches: 3 },
  });
  t.equal(w.runId, a.runId, 'the loader settings are not part of the run id');
  t.equal(summaryOf(w).weightsSha256, sa.weightsSha256, 'two loader workers build the same batches as the main thread');
  t.same(summaryOf(w).final, sa.final, 'and give the same metrics');
  t.ok(sa.final.valTenCrop && typeof sa.final.valTenCrop.errors.top1 === 'number', 'ten-crop metrics in the summary');
  const events = readFileSync(join(dir, 'a', 'aug', a.runId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  t.equal(events.filter((e) => e.type === 'evaluation' && e.value.split === 'val-ten-crop').length, 1, 'ten-crop evaluated once, after the last epoch');
  const plainFile = writeExperiment(dir, 'plain.json', { ...augmented, name: 'plain', augment: {} });
  const [p] = await run(dir, plainFile, join(dir, 'c'));
  t.not(summaryOf(p).weightsSha256, sa.weightsSha256, 'augmentation changes the training');
  t.not(p.runId, a.runId, 'and the run id');
});

t.test('the summary records LRN activity for a net with LRN, null without', async (t) => {
  const dir = t.testdir({});
  const base = tinyExperiment();
  const file = writeExperiment(dir, 'tiny.json', {
    ...base,
    model: { ...(base.model as object), widthFactor: 0.125 },
    training: { epochs: 1, batchSize: 16, learningRate: 0.01, schedule: { type: 'constant' } },
    matrix: { normalization: ['lrn', 'none'] },
  });
  const outcomes = await run(dir, file, join(dir, 'results'));
  const [withLrn, without] = outcomes.map(summaryOf);
  t.same(Object.keys(withLrn.lrnActivity ?? {}).sort(), ['conv1', 'conv2'], 'one entry per LRN layer');
  for (const [layer, a] of Object.entries(withLrn.lrnActivity ?? {})) {
    // The divisor ratio is >= 1 by construction (k + alpha * sum a^2 >= k), and p95 >= mean's floor.
    t.ok(a.mean >= 1 && a.p95 >= 1, `${layer}: mean ${a.mean}, p95 ${a.p95} are at least 1`);
  }
  t.equal(without.lrnActivity, null);
});
