/**
 * The training loop's step events: each carries the training top-k error over the window
 * of steps since the previous one (across epoch ends), keyed like evaluation errors, and
 * logging more or less often never changes what is trained.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runExperiments, type RunOutcome } from '../../src/train/run-experiments.js';
import { createProgress } from '../../src/cli/progress.js';
import type { BenchEvent } from '../../src/results/events.js';
import type { RunSummary } from '../../src/results/summary.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

const quiet = createProgress({ mode: 'plain', err: () => undefined });
const BATCH = 16;

/** 10 classes (top-1 and top-5), 64 images: 4 steps per epoch, 12 in all. */
function experiment(dir: string, logEverySteps: number): string {
  const base = tinyExperiment();
  return writeExperiment(dir, `log-${logEverySteps}.json`, {
    ...base,
    name: 'tiny',
    dataset: { ...(base.dataset as object), classes: 10 },
    training: { epochs: 3, batchSize: BATCH, learningRate: 0.05, schedule: { type: 'constant' }, logEverySteps },
  });
}

async function train(dir: string, logEverySteps: number): Promise<{ summary: RunSummary; events: BenchEvent[] }> {
  const out = join(dir, `out-${logEverySteps}`);
  const [o]: RunOutcome[] = await runExperiments({ files: [experiment(dir, logEverySteps)], engine: 'wasm', outDir: out, force: false, progress: quiet, shouldStop: () => false });
  const events = readFileSync(join(out, 'tiny', o.runId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BenchEvent);
  return { summary: JSON.parse(readFileSync(o.summaryPath, 'utf8')) as RunSummary, events };
}

/** Misses behind an error over `images` images (errors are counts over images, so this is an integer). */
const count = (error: number, images: number) => Math.round(error * images);

t.test('step events carry the training error over the steps since the previous step event', async (t) => {
  const dir = t.testdir({});
  const each = await train(dir, 1);
  const five = await train(dir, 5);
  t.equal(five.summary.weightsSha256, each.summary.weightsSha256, 'how often steps are logged does not change the training');
  t.same(five.summary.final, each.summary.final, 'nor any metric');

  const steps = (events: BenchEvent[]) => events.filter((e): e is BenchEvent<'step'> => e.type === 'step');
  const perStep = new Map(steps(each.events).map((e) => [e.step, e.value.errors!]));
  t.equal(perStep.size, 12);
  for (const errors of perStep.values()) t.same(Object.keys(errors), ['top1', 'top5'], 'keyed like evaluation errors');
  const windows = steps(five.events);
  t.same(windows.map((e) => e.step), [5, 10]);
  // Step 5's window is steps 1-5 (across the end of epoch 1 at step 4); step 10's is 6-10.
  for (const [event, first] of [[windows[0], 1], [windows[1], 6]] as const) {
    for (const k of ['top1', 'top5']) {
      let misses = 0;
      for (let s = first; s <= event.step; s++) misses += count(perStep.get(s)![k], BATCH);
      t.equal(count(event.value.errors![k], 5 * BATCH), misses, `step ${event.step} ${k}: the misses of its five steps over their 80 images`);
    }
  }
  const loss = new Map(steps(each.events).map((e) => [e.step, e.value.loss]));
  for (const e of windows) t.equal(e.value.loss, loss.get(e.step), 'the loss stays the sample of the logged step');

  // The epoch's training error (evaluation event) follows the same rule over the epoch's four steps.
  const trainEval = each.events.find((e): e is BenchEvent<'evaluation'> => e.type === 'evaluation' && (e as BenchEvent<'evaluation'>).value.split === 'train' && e.epoch === 1)!;
  let epochMisses = 0;
  for (let s = 1; s <= 4; s++) epochMisses += count(perStep.get(s)!.top1, BATCH);
  t.equal(count(trainEval.value.errors.top1, 4 * BATCH), epochMisses);
  t.ok(epochMisses > 0 && epochMisses < 4 * BATCH, `some hits and some misses in epoch 1 (${epochMisses} misses)`);
});
