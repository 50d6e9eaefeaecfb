/**
 * Early stopping, the holdout and train-eval splits in real (tiny) runs: training stops after
 * `patience` evaluated epochs without a lower holdout error, restoreBest saves the best
 * epoch's net (the weights of that epoch's checkpoint, bit for bit), the summary and events
 * carry the new splits, the monitor is "val" without a holdout, and a run stopped and resumed
 * after its best epoch ends exactly like an uninterrupted one.
 */
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { RunOutcome } from '../../src/train/run-experiments.js';
import { checkEvent, type BenchEvent } from '../../src/results/events.js';
import type { RunSummary } from '../../src/results/summary.js';
import { encodeWeights } from '../../src/results/weights.js';
import { tinyExperiment, trainOnce, writeExperiment } from '../helpers/experiments.js';


/**
 * 64 training images, batch 16: 4 steps per epoch. A 16-image holdout and patience 1 make a
 * stop within 8 epochs all but certain (a tie on 16 images counts as no improvement).
 */
function experiment(dir: string, o: { holdout?: boolean; earlyStopping?: unknown } = {}): string {
  const base = tinyExperiment();
  return writeExperiment(dir, 'es.json', {
    ...base,
    dataset: { ...(base.dataset as object), ...(o.holdout === false ? {} : { holdout: 16 }) },
    training: {
      epochs: 8, batchSize: 16, learningRate: 0.05, schedule: { type: 'constant' }, logEverySteps: 2,
      earlyStopping: o.earlyStopping ?? { patience: 1 },
    },
    evaluation: { everyEpochs: 2, trainEvalImages: 24 },
  });
}

const go = (file: string, outDir: string, stopAfterBatches?: number, resume = false): Promise<RunOutcome> =>
  trainOnce(file, { outDir, stopAfterBatches, resume });

const summaryOf = (o: RunOutcome) => JSON.parse(readFileSync(o.summaryPath, 'utf8')) as RunSummary;
const eventsOf = (runDir: string) =>
  readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as BenchEvent);
const evaluations = (events: BenchEvent[], split: string) =>
  events.filter((e): e is BenchEvent<'evaluation'> => e.type === 'evaluation' && (e as BenchEvent<'evaluation'>).value.split === split);

/** The sha256 that weights.bin would have for the `weight:` tensors of a checkpoint. */
async function checkpointWeightsSha256(checkpointDir: string): Promise<string> {
  const state = JSON.parse(readFileSync(join(checkpointDir, 'state.json'), 'utf8'));
  const bytes = readFileSync(join(checkpointDir, 'tensors.bin'));
  const all = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), state.tensors.specs);
  const weights = Object.entries(all).filter(([name]) => name.startsWith('weight:')).map(([name, tensor]) => ({ name: name.slice('weight:'.length), tensor }));
  return (await encodeWeights(weights)).sha256;
}

t.test('stops after patience epochs without a lower holdout error and saves the best epoch\'s net', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir);
  const whole = await go(file, join(dir, 'whole'));
  t.equal(whole.status, 'completed');
  const summary = summaryOf(whole);
  const runDir = dirname(whole.summaryPath);
  const events = eventsOf(runDir);
  for (const e of events) t.same(checkEvent(e), [], `event ${e.type} is well formed`);

  const holdout = evaluations(events, 'holdout');
  const stoppedAt = summary.earlyStopping?.stoppedAtEpoch;
  t.ok(typeof stoppedAt === 'number' && stoppedAt < 8, `stopped early (after epoch ${stoppedAt})`);
  t.equal(summary.epochsCompleted, stoppedAt);
  t.same(holdout.map((e) => e.epoch), Array.from({ length: stoppedAt as number }, (_, i) => i + 1), 'every epoch evaluated while early stopping is on, though everyEpochs is 2');
  t.same(holdout.map((e) => e.value.examples), holdout.map(() => 16));
  // Recompute the stop from the logged curve: patience 1, any drop improves, a tie does not.
  const curve = holdout.map((e) => e.value.errors.top1);
  let best = 0;
  for (let i = 1; i < curve.length - 1; i++) if (curve[i] < curve[best]) best = i;
  t.ok(curve[curve.length - 1] >= curve[best], 'the last epoch did not improve on the best');
  t.equal(summary.bestEpoch?.epoch, best + 1, 'the best epoch is the first with the lowest holdout error');
  t.same(summary.earlyStopping, { stoppedAtEpoch: stoppedAt, restoredBest: true, monitor: 'holdout' });
  t.equal(summary.bestEpoch?.monitor, 'holdout');
  t.same(summary.bestEpoch?.holdout?.errors, holdout[best].value.errors, 'bestEpoch.holdout is that epoch\'s');
  t.same(summary.bestEpoch?.val?.errors, evaluations(events, 'val')[best].value.errors, 'bestEpoch.val is that epoch\'s');
  t.same(summary.final.holdout?.errors, holdout[holdout.length - 1].value.errors, 'final.holdout is the last epoch\'s, as trained');
  t.same(summary.final.val?.errors, evaluations(events, 'val').at(-1)?.value.errors, 'final.val is the last epoch\'s');
  const trainEval = evaluations(events, 'train-eval');
  t.equal(trainEval.length, stoppedAt, 'train-eval at every evaluation');
  t.same(trainEval.map((e) => e.value.examples), trainEval.map(() => 24));
  t.same(summary.final.trainEval?.errors, trainEval.at(-1)?.value.errors);

  // The same run stopped one batch into the epoch after the best keeps the best epoch's end checkpoint.
  const cut = await go(file, join(dir, 'cut'), 4 * (best + 1) + 1);
  const cutDir = dirname(cut.summaryPath);
  t.equal(cut.status, 'interrupted');
  const epochEnd = `step-${String(4 * (best + 1)).padStart(10, '0')}`;
  t.ok(readdirSync(join(cutDir, 'checkpoints')).includes(epochEnd));
  t.equal(summary.weightsSha256, await checkpointWeightsSha256(join(cutDir, 'checkpoints', epochEnd)), 'the saved weights are the best epoch\'s checkpoint weights');

  const resumed = await go(file, join(dir, 'cut'), undefined, true);
  t.equal(resumed.status, 'completed');
  const numbers = (s: RunSummary) => ({ final: s.final, best: s.best, bestEpoch: s.bestEpoch, earlyStopping: s.earlyStopping, steps: s.steps, weights: s.weightsSha256 });
  t.same(numbers(summaryOf(resumed)), numbers(summary), 'resumed after the best epoch: the uninterrupted numbers and saved weights');
  const strip = (e: BenchEvent) => ({ type: e.type, epoch: e.epoch, step: e.step, value: e.type === 'evaluation' ? e.value : null });
  t.same(evaluations(eventsOf(cutDir), 'holdout').map(strip), holdout.map(strip), 'the same holdout evaluations');

  const kept = await go(experiment(join(dir), { earlyStopping: { patience: 1, restoreBest: false } }), join(dir, 'kept'));
  const keptSummary = summaryOf(kept);
  t.equal(keptSummary.earlyStopping?.restoredBest, false);
  t.equal(keptSummary.earlyStopping?.stoppedAtEpoch, stoppedAt, 'restoreBest does not change when training stops');
  t.not(keptSummary.weightsSha256, summary.weightsSha256, 'without restoreBest the last epoch\'s weights are saved');
});

t.test('without a holdout the monitor is val; without early stopping every epoch is trained', async (t) => {
  const dir = t.testdir({});
  const noHoldout = summaryOf(await go(experiment(dir, { holdout: false }), join(dir, 'val')));
  t.equal(noHoldout.earlyStopping?.monitor, 'val', 'the summary says the val split was monitored');
  t.equal(noHoldout.bestEpoch?.monitor, 'val');
  t.equal(noHoldout.bestEpoch?.holdout, null);
  t.equal(noHoldout.final.holdout, null);

  const off = await go(experiment(dir, { earlyStopping: false }), join(dir, 'off'));
  const summary = summaryOf(off);
  t.equal(summary.epochsCompleted, 8);
  t.equal(summary.earlyStopping, null);
  const events = eventsOf(dirname(off.summaryPath));
  t.same(evaluations(events, 'holdout').map((e) => e.epoch), [2, 4, 6, 8], 'evaluated every evaluation.everyEpochs epochs');
  const curve = evaluations(events, 'holdout').map((e) => e.value.errors.top1);
  const best = curve.indexOf(Math.min(...curve));
  t.equal(summary.bestEpoch?.epoch, 2 * (best + 1), 'bestEpoch is the evaluated epoch with the lowest holdout error');
});
