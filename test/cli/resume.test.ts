/**
 * Crash safety as a user meets it: a real `bench run` killed with SIGKILL mid-epoch and
 * continued with --resume ends with exactly the numbers and weights of an uninterrupted
 * run; two processes on one results folder train each run once.
 */
import t from 'tap';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, startBench } from '../helpers/cli.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

function summaryAt(dir: string) {
  const s = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  return { status: s.status, final: s.final, best: s.best, steps: s.steps, lr: s.finalLearningRate, weights: s.weightsSha256 };
}

const runDirOf = (out: string, experiment: string) =>
  join(out, experiment, readdirSync(join(out, experiment)).find((n) => /^[0-9a-f]{12}$/.test(n)) as string);

t.test('SIGKILL mid-epoch, then --resume: the numbers and weight hash of an uninterrupted run', async (t) => {
  const dir = t.testdir({});
  const base = tinyExperiment();
  // 512 images in batches of 16: 32 steps per epoch, a checkpoint every 8.
  const file = writeExperiment(dir, 'long.json', {
    ...base, name: 'long',
    dataset: { ...(base.dataset as object), trainSize: 512 },
    training: { epochs: 3, batchSize: 16, learningRate: 0.02, schedule: { type: 'plateau' }, logEverySteps: 4, checkpointEverySteps: 8 },
  });
  const whole = bench(['run', file, '--engine', 'wasm', '--out', 'whole'], { cwd: dir });
  t.equal(whole.code, 0, whole.stderr);
  const { child, done } = startBench(['run', file, '--engine', 'wasm', '--out', 'cut'], { cwd: dir });
  // Kill once a checkpoint inside epoch 2 exists (step 40 = epoch 2, batch 8).
  const target = () => {
    const expDir = join(dir, 'cut', 'long');
    if (!existsSync(expDir) || !readdirSync(expDir).some((n) => /^[0-9a-f]{12}$/.test(n))) return false;
    const ckDir = join(runDirOf(join(dir, 'cut'), 'long'), 'checkpoints');
    return existsSync(join(ckDir, 'step-0000000040', 'state.json'));
  };
  while (!target()) {
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 10));
  }
  child.kill('SIGKILL');
  const killed = await done;
  t.equal(killed.signal, 'SIGKILL', `killed before it ended: ${killed.stderr}`);
  const runDir = runDirOf(join(dir, 'cut'), 'long');
  t.notOk(existsSync(join(runDir, 'summary.json')), 'no summary: the run did not finish');
  const refused = bench(['run', file, '--engine', 'wasm', '--out', 'cut'], { cwd: dir });
  t.equal(refused.code, 2, 'without --resume it does not discard the work');
  t.match(refused.stderr, /an unfinished run with a checkpoint at epoch 2, batch \d+ \(step \d+\); pass --resume to continue it from there, or --force/);
  const resumed = bench(['run', file, '--engine', 'wasm', '--out', 'cut', '--resume'], { cwd: dir });
  t.equal(resumed.code, 0, resumed.stderr);
  t.match(resumed.stderr, /resuming from long\/[0-9a-f]{12}\/checkpoints\/step-\d{10}: epoch 2/);
  t.same(summaryAt(runDir), summaryAt(runDirOf(join(dir, 'whole'), 'long')), 'same metrics, schedule and weights');
  const events = readFileSync(join(runDir, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const steps = events.filter((e) => e.type === 'step').map((e) => e.step);
  t.same(steps, Array.from({ length: 24 }, (_, i) => 4 * (i + 1)), 'no step logged twice or lost');
});

t.test('two processes on one results folder: every run trained exactly once, every file whole', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'pair.json', tinyExperiment({ name: 'pair', seeds: [1, 2, 3, 4], training: { epochs: 1, batchSize: 16 } }));
  const a = startBench(['run', file, '--engine', 'wasm'], { cwd: dir });
  const b = startBench(['run', file, '--engine', 'wasm'], { cwd: dir });
  const [ra, rb] = await Promise.all([a.done, b.done]);
  t.equal(ra.code, 0, ra.stderr);
  t.equal(rb.code, 0, rb.stderr);
  const completed = (s: string) => Number(/(\d+) completed/.exec(s)?.[1]);
  t.equal(completed(ra.stderr) + completed(rb.stderr), 4, `4 runs trained in all: ${ra.stderr}\n${rb.stderr}`);
  const expDir = join(dir, 'results', 'pair');
  const runs = readdirSync(expDir).filter((n) => !n.endsWith('.json') && !n.startsWith('.'));
  t.equal(runs.length, 4);
  for (const id of runs) {
    const events = readFileSync(join(expDir, id, 'events.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    t.equal(events.filter((e) => e.type === 'run_start').length, 1, `${id} started once`);
    for (const f of ['run.json', 'summary.json', 'provenance.json', 'weights/model.json']) JSON.parse(readFileSync(join(expDir, id, f), 'utf8'));
    t.equal(JSON.parse(readFileSync(join(expDir, id, 'summary.json'), 'utf8')).status, 'completed');
  }
  JSON.parse(readFileSync(join(expDir, 'experiment.resolved.json'), 'utf8'));
  t.notOk(existsSync(join(expDir, '.locks')), 'every lock released, none left behind');
});

t.test('--shard: bad values exit 2; shards into separate folders merge into the whole', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'grid.json', tinyExperiment({ name: 'grid', seeds: [1, 2, 3], training: { epochs: 1, batchSize: 32 } }));
  for (const bad of ['0/0', '3/2', '-1/2', 'a/b']) {
    const r = bench(['run', file, '--engine', 'wasm', `--shard=${bad}`], { cwd: dir });
    t.equal(r.code, 2, `${bad}: exit 2`);
    t.match(r.stderr, /--shard: .* is not allowed .*use i\/n with whole numbers 0 <= i < n, 0-based/, `${bad}: says what is allowed`);
    t.notMatch(r.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
  }
  const s0 = bench(['run', file, '--engine', 'wasm', '--shard', '0/2', '--out', 's0'], { cwd: dir });
  const s1 = bench(['run', file, '--engine', 'wasm', '--shard', '1/2', '--out', 's1'], { cwd: dir });
  t.equal(s0.code, 0, s0.stderr);
  t.equal(s1.code, 0, s1.stderr);
  t.match(s0.stderr, /shard 0\/2 \(0-based\): 2 of 3 runs/);
  t.match(s1.stderr, /shard 1\/2 \(0-based\): 1 of 3 runs/);
  const merged = bench(['merge', 'all', 's0', 's1'], { cwd: dir });
  t.equal(merged.code, 0, merged.stderr);
  t.match(merged.stdout, /merged 3 runs into all\//);
  const again = bench(['merge', 'all', 's0', 's1'], { cwd: dir });
  t.match(again.stdout, /merged 0 runs into all\/; 3 already there with the same numbers/);
  const whole = bench(['run', file, '--engine', 'wasm', '--out', 'all'], { cwd: dir });
  t.match(whole.stderr, /0 completed, 3 skipped/, 'the merged folder holds the whole experiment');
});
