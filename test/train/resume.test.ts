/**
 * Checkpoints and resume in-process: a run stopped mid-epoch and resumed ends with exactly
 * the numbers, weights and step events of an uninterrupted run, also when the checkpoint
 * falls inside a step-log window, and with batch normalization (whose running statistics
 * are checkpointed); corrupt checkpoints fall back to the one before; a checkpoint of
 * another configuration is refused. Runs with early stopping resumed after their best
 * epoch: test/train/early-stopping-run.test.ts.
 */
import t from 'tap';
import { readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunOutcome } from '../../src/train/run-experiments.js';
import { createProgress } from '../../src/cli/progress.js';
import { checkEvent } from '../../src/results/events.js';
import type { RunSummary } from '../../src/results/summary.js';
import { tinyExperiment, trainOnce, writeExperiment } from '../helpers/experiments.js';

const messages: string[] = [];
const quiet = createProgress({ mode: 'plain', err: (s) => void messages.push(s) });

/** 64 images, batch 16: 4 batches per epoch; plateau schedule, dropout and augmentation all in play. */
function experiment(dir: string, logEverySteps = 1, model: Record<string, unknown> = {}): string {
  const base = tinyExperiment();
  return writeExperiment(dir, 'tiny.json', {
    ...base,
    model: { ...(base.model as object), ...model },
    dataset: { ...(base.dataset as object), imageSize: 20 },
    augment: { randomCrop: true, flip: true },
    training: { epochs: 3, batchSize: 16, learningRate: 0.05, schedule: { type: 'plateau', patience: 1 }, logEverySteps, checkpointEverySteps: 3 },
  });
}

const go = (file: string, o: { outDir: string; resume?: boolean; stopAfterBatches?: number }): Promise<RunOutcome> => trainOnce(file, { ...o, progress: quiet });

const summaryOf = (o: RunOutcome) => JSON.parse(readFileSync(o.summaryPath, 'utf8')) as RunSummary;
const numbers = (s: RunSummary) => ({ final: s.final, best: s.best, steps: s.steps, epochs: s.epochsCompleted, lr: s.finalLearningRate, weights: s.weightsSha256 });
const events = (dir: string) => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

t.test('stopped mid-epoch, resumed: the numbers and weights of an uninterrupted run', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir);
  const whole = await go(file, { outDir: join(dir, 'whole') });
  t.equal(whole.status, 'completed');
  const runDir = join(dir, 'cut', 'tiny', whole.runId);
  // 6 batches: stopped in epoch 2 after its 2nd batch (step 6).
  const cut = await go(file, { outDir: join(dir, 'cut'), stopAfterBatches: 6 });
  t.equal(cut.status, 'interrupted');
  t.same(readdirSync(join(runDir, 'checkpoints')), ['step-0000000004', 'step-0000000006'], 'the newest two checkpoints are kept');
  const resumed = await go(file, { outDir: join(dir, 'cut'), resume: true });
  t.equal(resumed.status, 'completed');
  t.same(numbers(summaryOf(resumed)), numbers(summaryOf(whole)), 'identical metrics, schedule and weight hash');
  const log = events(runDir);
  for (const e of log) t.same(checkEvent(e), [], `event ${e.type} is well formed`);
  const steps = log.filter((e) => e.type === 'step').map((e) => e.step);
  t.same(steps, Array.from({ length: 12 }, (_, i) => i + 1), 'every step logged once, in order');
  t.equal(log.filter((e) => e.type === 'epoch_start').length, 3);
  t.equal(log.filter((e) => e.type === 'run_start').length, 1);
  t.equal(log.filter((e) => e.type === 'run_end').length, 1, 'the interrupted attempt\'s run_end was cut off');
  t.ok(log.some((e) => e.type === 'checkpoint' && e.value.resumed === true), 'the log marks where it resumed');
  const wholeLosses = events(join(dir, 'whole', 'tiny', whole.runId)).filter((e) => e.type === 'step').map((e) => e.value.loss);
  t.same(log.filter((e) => e.type === 'step').map((e) => e.value.loss), wholeLosses, 'the same loss at every step');
  t.notOk(readdirSync(runDir).includes('checkpoints'), 'checkpoints are removed once the run finished');
});

t.test('with batch normalization: the running statistics are checkpointed and saved, and a resume is bit-identical', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir, 1, { normalization: 'batchnorm' });
  const whole = await go(file, { outDir: join(dir, 'whole') });
  t.equal(whole.status, 'completed');
  const manifest = JSON.parse(readFileSync(join(dir, 'whole', 'tiny', whole.runId, 'weights', 'model.json'), 'utf8'));
  const saved: string[] = manifest.weightsManifest[0].weights.map((w: { name: string }) => w.name);
  const convs = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5'];
  t.same(saved.slice(-10), convs.flatMap((l) => [`${l}/bn/mean`, `${l}/bn/variance`]), 'weights.bin: the running statistics after the trainable weights');
  t.ok(convs.every((l) => saved.indexOf(`${l}/bn/gamma`) === saved.indexOf(`${l}/bias`) + 1), 'gamma and beta with their layer');
  // Stopped in epoch 2 after its 2nd batch (step 6), from the step-6 checkpoint.
  const cut = await go(file, { outDir: join(dir, 'cut'), stopAfterBatches: 6 });
  t.equal(cut.status, 'interrupted');
  const ckState = JSON.parse(readFileSync(join(dir, 'cut', 'tiny', whole.runId, 'checkpoints', 'step-0000000006', 'state.json'), 'utf8'));
  const tensors: string[] = ckState.tensors.specs.map((s: { name: string }) => s.name);
  t.same(tensors.filter((n) => n.startsWith('state:')), convs.flatMap((l) => [`state:${l}/bn/mean`, `state:${l}/bn/variance`]), 'the checkpoint holds them');
  t.ok(tensors.includes('velocity:conv1/bn/gamma'), 'and the momentum of gamma and beta, which SGD updates');
  t.notOk(tensors.some((n) => n.startsWith('velocity:') && /\/bn\/(mean|variance)$/.test(n)), 'but none for the running statistics');
  const resumed = await go(file, { outDir: join(dir, 'cut'), resume: true });
  t.equal(resumed.status, 'completed');
  t.same(numbers(summaryOf(resumed)), numbers(summaryOf(whole)), 'identical metrics and weight hash (running statistics included)');
});

t.test('a checkpoint inside a step-log window: the same step events as an uninterrupted run', async (t) => {
  const dir = t.testdir({});
  // Step events at steps 5 and 10; checkpoints every 3 steps and at epoch ends (steps 4 and 8), so windows hold checkpoints.
  const file = experiment(dir, 5);
  const whole = await go(file, { outDir: join(dir, 'whole') });
  const stepEvents = (runDir: string) => events(runDir).filter((e) => e.type === 'step').map((e) => ({ epoch: e.epoch, step: e.step, loss: e.value.loss, errors: e.value.errors }));
  const expected = stepEvents(join(dir, 'whole', 'tiny', whole.runId));
  t.same(expected.map((e) => e.step), [5, 10]);
  // Resumed from step 3 (window 1-3 open), step 6 (window 6 open) and the end of epoch 1 (step 4, window 1-4 open across the epoch end).
  for (const [name, stopAfterBatches, dropNewest] of [['step 3', 3, false], ['step 6', 6, false], ['epoch end', 5, true]] as const) {
    const out = join(dir, name.replace(' ', '-'));
    await go(file, { outDir: out, stopAfterBatches });
    const runDir = join(out, 'tiny', whole.runId);
    // Without the stop's own checkpoint (step 5), the resume starts from the epoch-end one (step 4).
    if (dropNewest) rmSync(join(runDir, 'checkpoints', 'step-0000000005'), { recursive: true });
    messages.length = 0;
    const resumed = await go(file, { outDir: out, resume: true });
    if (dropNewest) t.match(messages.join(''), /resuming from .*step-0000000004/);
    t.equal(resumed.status, 'completed');
    t.same(stepEvents(runDir), expected, `${name}: the same step events (loss and windowed errors)`);
    t.same(numbers(summaryOf(resumed)), numbers(summaryOf(whole)), `${name}: the same numbers`);
  }
});

t.test('a corrupt newest checkpoint falls back to the one before it', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir);
  const whole = await go(file, { outDir: join(dir, 'whole') });
  for (const [name, corrupt, reason] of [
    ['truncated', (ck: string) => truncateSync(join(ck, 'tensors.bin'), 100), /tensors\.bin has 100 bytes/],
    ['flipped', (ck: string) => {
      const bytes = readFileSync(join(ck, 'tensors.bin'));
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(join(ck, 'tensors.bin'), bytes);
    }, /sha256/],
    ['reshaped', (ck: string) => {
      const state = JSON.parse(readFileSync(join(ck, 'state.json'), 'utf8'));
      const spec = state.tensors.specs.find((s: { name: string }) => s.name === 'weight:fc8/kernel');
      spec.shape = [...spec.shape].reverse();
      writeFileSync(join(ck, 'state.json'), JSON.stringify(state));
    }, /weight:fc8\/kernel has shape/],
    ['unfinished', (ck: string) => writeFileSync(join(ck, 'state.json'), '{"v": 1, "runId"'), /not valid JSON/],
    ['best copy missing', (ck: string) => {
      const state = JSON.parse(readFileSync(join(ck, 'state.json'), 'utf8'));
      state.hasBestCopy = true;
      writeFileSync(join(ck, 'state.json'), JSON.stringify(state));
    }, /tensors\.bin holds \d+ tensors, the model needs \d+ \(weights, velocities and the best epoch's copy\)/],
    ['malformed', (ck: string) => {
      const state = JSON.parse(readFileSync(join(ck, 'state.json'), 'utf8'));
      state.position.batch = 'two';
      writeFileSync(join(ck, 'state.json'), JSON.stringify(state));
    }, /state\.json is malformed \(position\)/],
  ] as const) {
    const out = join(dir, name);
    // 7 batches: checkpoints at step 6 (every 3) and step 7 (the stop); step 7 is damaged.
    await go(file, { outDir: out, stopAfterBatches: 7 });
    const runDir = join(out, 'tiny', whole.runId);
    corrupt(join(runDir, 'checkpoints', 'step-0000000007'));
    messages.length = 0;
    const resumed = await go(file, { outDir: out, resume: true });
    t.match(messages.join(''), reason, `${name}: the reason is reported`);
    t.match(messages.join(''), /resuming from .*step-0000000006/, `${name}: resumed from the one before`);
    t.same(numbers(summaryOf(resumed)), numbers(summaryOf(whole)), `${name}: still the uninterrupted numbers`);
  }
});

t.test('without --resume an unfinished run with a checkpoint is not discarded; a changed experiment is refused', async (t) => {
  const dir = t.testdir({});
  const file = experiment(dir);
  const out = join(dir, 'r');
  await go(file, { outDir: out, stopAfterBatches: 5 });
  await t.rejects(go(file, { outDir: out }), /an unfinished run with a checkpoint at epoch 2, batch 2 \(step 5\); pass --resume to continue it from there, or --force/);
  const ckState = join(out, 'tiny', readdirSync(join(out, 'tiny')).find((n) => /^[0-9a-f]{12}$/.test(n)) as string, 'checkpoints', 'step-0000000005', 'state.json');
  const original = readFileSync(ckState, 'utf8');
  writeFileSync(ckState, original.replace(/"configHash": "[0-9a-f]{6}/, '"configHash": "ffffff'));
  await t.rejects(go(file, { outDir: out, resume: true }), /state\.json: this checkpoint was written for another configuration .*Restore the experiment file/, 'another configuration is refused, not skipped');
  writeFileSync(ckState, original);
  const changed = JSON.parse(readFileSync(file, 'utf8'));
  changed.training.learningRate = 0.02;
  writeFileSync(file, JSON.stringify(changed));
  await t.rejects(go(file, { outDir: out, resume: true }), /experiment\.resolved\.json: the experiment changed since its unfinished runs were checkpointed \(run [0-9a-f]{12} \(base, seed 1\): \/training\/learningRate 0\.05 -> 0\.02\)/);
  const other = JSON.parse(readFileSync(file, 'utf8'));
  other.training.learningRate = 0.05;
  other.training.checkpointEverySteps = 2;
  writeFileSync(file, JSON.stringify(other));
  const resumed = await go(file, { outDir: out, resume: true });
  t.equal(resumed.status, 'completed', 'checkpointEverySteps is not part of the run id: changing it still resumes');
});
