/**
 * The training loop's `gradients` events (train.ts, gradient-health.ts): one with every
 * step event, the same values whether logged every step or every 10 steps, not a weight
 * bit changed by logging them, and a resumed run logs the events of an uninterrupted one.
 */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome } from '../../src/train/run-experiments.js';
import { checkEvent, type BenchEvent } from '../../src/results/events.js';
import type { RunSummary } from '../../src/results/summary.js';
import { tinyExperiment, trainOnce, writeExperiment } from '../helpers/experiments.js';


/** 64 images, batch 16: 4 steps per epoch, 12 in all; dropout and augmentation in play. */
function experiment(dir: string, o: { logEverySteps: number; activation: string }): string {
  const base = tinyExperiment();
  return writeExperiment(dir, `${o.activation}-${o.logEverySteps}.json`, {
    ...base,
    model: { ...(base.model as object), activation: o.activation },
    augment: { randomCrop: false, flip: true },
    training: { epochs: 3, batchSize: 16, learningRate: 0.05, schedule: { type: 'constant' }, logEverySteps: o.logEverySteps, checkpointEverySteps: 3 },
  });
}

const go = trainOnce;

const summaryOf = (o: RunOutcome) => JSON.parse(readFileSync(o.summaryPath, 'utf8')) as RunSummary;
const eventsOf = (outDir: string, o: RunOutcome) =>
  readFileSync(join(outDir, 'tiny', o.runId, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BenchEvent);
/** Gradients events without their clock fields. */
const gradients = (events: BenchEvent[]) =>
  events.filter((e): e is BenchEvent<'gradients'> => e.type === 'gradients').map((e) => ({ epoch: e.epoch, step: e.step, ...e.value }));

t.test('a gradients event with every step event; logging every step or every 10 changes no weight bit', async (t) => {
  const dir = t.testdir({});
  const outcomes = new Map<number, { summary: RunSummary; events: BenchEvent[] }>();
  for (const logEverySteps of [1, 10]) {
    const outDir = join(dir, `every-${logEverySteps}`);
    const o = await go(experiment(dir, { logEverySteps, activation: 'tanh' }), { outDir });
    outcomes.set(logEverySteps, { summary: summaryOf(o), events: eventsOf(outDir, o) });
  }
  const each = outcomes.get(1)!;
  const ten = outcomes.get(10)!;
  t.equal(ten.summary.weightsSha256, each.summary.weightsSha256, 'bit-identical weights');
  t.same(ten.summary.final, each.summary.final, 'and every metric');
  t.equal(ten.summary.peakTensorBytes, each.summary.peakTensorBytes, 'the health tensors are freed before memory is sampled');
  for (const e of each.events) t.same(checkEvent(e), [], `${e.type} is well formed`);
  const stepsOf = (events: BenchEvent[], type: string) => events.filter((e) => e.type === type).map((e) => e.step);
  t.same(stepsOf(each.events, 'gradients'), stepsOf(each.events, 'step'));
  t.same(stepsOf(each.events, 'gradients'), Array.from({ length: 12 }, (_, i) => i + 1));
  t.same(stepsOf(ten.events, 'gradients'), [10]);
  const at10 = gradients(each.events).find((g) => g.step === 10);
  t.same(gradients(ten.events), [at10], 'the same values at step 10 either way');
  for (const g of gradients(each.events)) {
    t.same(Object.keys(g.norms), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8']);
    t.same(Object.keys(g.saturation), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7']);
    t.ok(Object.values(g.norms).every((n) => Number.isFinite(n) && n > 0), `step ${g.step}: positive norms`);
    t.ok(Object.values(g.saturation).every((f) => f >= 0 && f <= 1), `step ${g.step}: fractions`);
  }
  const norms = new Set(gradients(each.events).map((g) => g.norms.fc8));
  t.equal(norms.size, 12, 'each step its own batch and gradients');
});

t.test('stopped mid-epoch and resumed: the gradients events of an uninterrupted run', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir, { logEverySteps: 1, activation: 'relu' });
  const whole = await go(file, { outDir: join(dir, 'whole') });
  const expected = gradients(eventsOf(join(dir, 'whole'), whole));
  t.equal(expected.length, 12);
  // Stopped after step 6 (epoch 2, batch 2): the checkpoint at step 6 holds the position.
  const cut = await go(file, { outDir: join(dir, 'cut'), stopAfterBatches: 6 });
  t.equal(cut.status, 'interrupted');
  const resumed = await go(file, { outDir: join(dir, 'cut'), resume: true });
  t.equal(resumed.status, 'completed');
  t.same(gradients(eventsOf(join(dir, 'cut'), resumed)), expected, 'every step once, the same norms and saturation');
  t.equal(summaryOf(resumed).weightsSha256, summaryOf(whole).weightsSha256);
});
