/**
 * The CLI as a user runs it: exit codes (2 bad input, 1 failed run, 0 success), messages
 * that name the file and the fix, and never a stack trace for either.
 */
import t, { type Test } from 'tap';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench, startBench } from '../helpers/cli.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

const noStack = (t: Test, text: string) => t.notMatch(text, /\n\s+at .+:\d+:\d+/, 'no stack trace');

t.test('validate: good files pass, bad ones exit 2 with every error', async (t) => {
  const dir = t.testdir({});
  const good = writeExperiment(dir, 'good.json', tinyExperiment());
  const ok = bench(['validate', good], { cwd: dir });
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stdout, /ok \(1 runs\)/);
  const bad = writeExperiment(dir, 'bad.json', tinyExperiment({ model: { activation: 'relu6', activaton: 'tanh' } }));
  const r = bench(['validate', bad], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /bad\.json: \/model\/activation: "relu6" is not allowed; use "relu", "tanh" or "sigmoid"/);
  t.match(r.stderr, /did you mean "activation"/);
  noStack(t, r.stderr);
  writeFileSync(join(dir, 'broken.json'), '{\n  "name": "x",\n}\n');
  const broken = bench(['validate', 'broken.json'], { cwd: dir });
  t.equal(broken.code, 2);
  t.match(broken.stderr, /broken\.json:3:1/);
  const big = writeExperiment(dir, 'big.json', tinyExperiment({ dataset: { format: 'synthetic', trainSize: 1e12 } }));
  const tooBig = bench(['validate', big], { cwd: dir });
  t.equal(tooBig.code, 2);
  t.match(tooBig.stderr, /big\.json: \/dataset\/trainSize: 1000000000000 images of 32x32x3 .*; use a smaller trainSize/);
  noStack(t, tooBig.stderr);
});

t.test('run: unknown engine, missing file and unwritable output exit 2 and write nothing', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment());
  const engine = bench(['run', file, '--engine', 'cuda'], { cwd: dir });
  t.equal(engine.code, 2);
  t.match(engine.stderr, /--engine: "cuda" is not an engine; use "auto", "wasm", "cpu", "webgpu" or "tensorflow"/);
  const unavailable = bench(['run', file, '--engine', 'tensorflow'], { cwd: dir });
  t.equal(unavailable.code, 2);
  t.match(unavailable.stderr, /npm install @tensorflow\/tfjs-node/);
  const workers = bench(['run', file, '--loader-workers', '-1'], { cwd: dir });
  t.equal(workers.code, 2);
  t.match(workers.stderr, /--loader-workers: -1 is not allowed; use a whole number from 0 to 64/);
  const prefetch = bench(['run', file, '--prefetch-batches', '1.5'], { cwd: dir });
  t.equal(prefetch.code, 2);
  t.match(prefetch.stderr, /--prefetch-batches: 1\.5 is not allowed; use a whole number from 1 to 256/);
  const missing = bench(['run', 'nope.json'], { cwd: dir });
  t.equal(missing.code, 2);
  t.match(missing.stderr, /nope\.json/);
  noStack(t, missing.stderr);
  const readOnly = join(dir, 'ro');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o500);
  if (process.getuid?.() !== 0) {
    const r = bench(['run', file, '--out', join(readOnly, 'results')], { cwd: dir });
    t.equal(r.code, 2);
    t.match(r.stderr, /cannot write results/);
  }
  // Root ignores permission bits: an output path below a regular file is unwritable for anyone.
  writeFileSync(join(dir, 'a-file'), '');
  const r = bench(['run', file, '--out', join(dir, 'a-file', 'results')], { cwd: dir });
  t.equal(r.code, 2);
  t.match(r.stderr, /a-file\/results.*cannot write results/);
  noStack(t, r.stderr);
  t.notOk(existsSync(join(dir, 'results')), 'no results folder after bad input');
});

t.test('run: success exits 0; a diverging run exits 1 with a clear status', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ training: { epochs: 1, batchSize: 32 } }));
  const ok = bench(['run', file, '--engine', 'wasm'], { cwd: dir });
  t.equal(ok.code, 0, ok.stderr);
  t.match(ok.stderr, /1 completed, 0 skipped, 0 failed/);
  t.equal(readdirSync(join(dir, 'results', 'tiny')).length, 2, 'resolved experiment + one run folder');
  const again = bench(['run', file, '--engine', 'wasm', '--json'], { cwd: dir });
  t.equal(again.code, 0);
  const lines = again.stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.ok(lines.some((l) => l.type === 'run' && l.status === 'skipped'), '--json reports the skip');
  const diverge = writeExperiment(dir, 'boom.json', tinyExperiment({ name: 'boom', training: { epochs: 1, batchSize: 16, learningRate: 1e6, logEverySteps: 1 } }));
  const r = bench(['run', diverge, '--engine', 'wasm'], { cwd: dir });
  t.equal(r.code, 1);
  t.match(r.stderr, /diverged/);
  noStack(t, r.stderr);
});

t.test('models and doctor', async (t) => {
  const dir = t.testdir({});
  const models = bench(['models', '--json'], { cwd: dir });
  t.equal(models.code, 0);
  const list = JSON.parse(models.stdout) as Array<{ name: string; parameters: number }>;
  t.equal(list.find((m) => m.name === 'paper')?.parameters, 60_965_224);
  t.equal(list.find((m) => m.name === 'owt')?.parameters, 61_100_840);
  t.notMatch(bench(['models'], { cwd: dir }).stdout, /Batch normalization/, 'the presets have none, so no note on it');
  // The paper's net has 96 + 256 + 384 + 384 + 256 = 1,376 conv channels: gamma and beta for each.
  const bn = bench(['models', '--normalization', 'batchnorm', '--json'], { cwd: dir });
  t.equal(bn.code, 0, bn.stderr);
  const paperBn = (JSON.parse(bn.stdout) as Array<{ name: string; parameters: number; batchNormParameters: number; stateValues: number }>).find((m) => m.name === 'paper');
  t.match(paperBn, { parameters: 60_965_224 + 2_752, batchNormParameters: 2_752, stateValues: 2_752 });
  const bnText = bench(['models', '--normalization', 'lrn+batchnorm'], { cwd: dir }).stdout;
  t.match(bnText, /paper +alexnet +60,967,976 .*lrn\+batchnorm \(formula alpha: 0\.0001 per term; gamma, beta: 2,752 parameters\)/);
  t.match(bnText, /the running mean and variance \(as many values\) are state: saved with the weights, not counted/);
  const doctor = bench(['doctor', '--json'], { cwd: dir });
  t.equal(doctor.code, 0);
  const engines = JSON.parse(doctor.stdout) as Array<{ name: string; usable: boolean; reason: string }>;
  t.same(engines.map((e) => e.name), ['wasm', 'cpu', 'webgpu', 'tensorflow']);
  t.ok(engines.find((e) => e.name === 'wasm')?.usable);
  for (const e of engines) t.ok(e.reason.length > 0, `${e.name} says why`);
  const perf = bench(['perf', '--engine', 'wasm', '--variant', 'owt', '--input', '67', '--batch', '2', '--classes', '10', '--warmup', '0', '--steps', '1', '--json'], { cwd: dir });
  t.equal(perf.code, 0, perf.stderr);
  const measured = JSON.parse(perf.stdout) as { engine: string; train: { imagesPerSecond: number }; inference: { imagesPerSecond: number } };
  t.equal(measured.engine, 'wasm');
  t.ok(measured.train.imagesPerSecond > 0 && measured.inference.imagesPerSecond > 0, 'perf measures both');
  const badVariant = bench(['perf', '--variant', 'vgg'], { cwd: dir });
  t.equal(badVariant.code, 2);
  t.match(badVariant.stderr, /--variant: "vgg" is not allowed; use "paper", "paper-one-tower", "owt" or "four-layer"/);
  const usage = bench(['frobnicate'], { cwd: dir });
  t.equal(usage.code, 2);
});

t.test('Ctrl-C stops after the current batch, marks the run interrupted and exits 130', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'long.json', tinyExperiment({ name: 'long', training: { epochs: 50, batchSize: 16 } }));
  const { child, done } = startBench(['run', file, '--engine', 'wasm'], { cwd: dir });
  let seen = '';
  let sent = false;
  child.stderr.on('data', (chunk: Buffer) => {
    seen += chunk.toString();
    // One Ctrl-C, as a user presses it: a second one quits at once by design.
    if (!sent && seen.includes('epoch 1 done')) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const { code, stderr } = await done;
  t.equal(code, 130, stderr);
  t.match(stderr, /stopping after the current batch/);
  const runDir = readdirSync(join(dir, 'results', 'long')).find((n) => !n.endsWith('.json')) as string;
  const summary = JSON.parse(readFileSync(join(dir, 'results', 'long', runDir, 'summary.json'), 'utf8'));
  t.equal(summary.status, 'interrupted');
  t.ok(summary.epochsCompleted < 50);
  noStack(t, stderr);
});

t.test('data stats and data prepare', async (t) => {
  const dir = t.testdir({});
  const root = join(dir, 'imagenet');
  const sharp = (await import('sharp')).default;
  for (const split of ['train', 'val']) {
    for (const wnid of ['n01', 'n02']) {
      mkdirSync(join(root, split, wnid), { recursive: true });
      const img = sharp({ create: { width: 30, height: 20, channels: 3, background: { r: wnid === 'n01' ? 200 : 20, g: 80, b: 80 } } });
      writeFileSync(join(root, split, wnid, 'a.JPEG'), await img.jpeg().toBuffer());
    }
  }
  const file = writeExperiment(dir, 'inet.json', tinyExperiment({ dataset: { format: 'imagenet-folder', path: root, resizePx: 16 } }));
  const prepared = bench(['data', 'prepare', file, '--cache-dir', join(dir, 'cache')], { cwd: dir });
  t.equal(prepared.code, 0, prepared.stderr);
  t.match(prepared.stdout, /2 train \/ 2 val images, 0 skipped/);
  t.equal(readdirSync(join(dir, 'cache')).length, 1, 'the decoded cache is written');
  const stats = bench(['data', 'stats', file, '--json', '--cache-dir', join(dir, 'cache')], { cwd: dir });
  t.equal(stats.code, 0, stats.stderr);
  const s = JSON.parse(stats.stdout) as { classCounts: { train: number[] }; lighting: { eigenvalues: number[] } };
  t.same(s.classCounts.train, [1, 1]);
  t.equal(s.lighting.eigenvalues.length, 3);
  const missing = bench(['data', 'prepare', writeExperiment(dir, 'gone.json', tinyExperiment({ dataset: { format: 'imagenet-folder', path: join(dir, 'nowhere') } }))], { cwd: dir });
  t.equal(missing.code, 2);
  t.match(missing.stderr, /nowhere/);
  noStack(t, missing.stderr);
});
