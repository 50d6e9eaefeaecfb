/**
 * `bench perf --out DIR --name NAME`: the measurement is also written to DIR/perf/NAME.json
 * with where it was taken, and read back by the results reader; bad --out/--name
 * combinations exit 2 before anything is measured.
 */
import t from 'tap';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bench } from '../helpers/cli.js';
import { readResultsFolder } from '../../src/results/read-results.js';

const TINY = ['perf', '--engine', 'wasm', '--variant', 'owt', '--input', '67', '--batch', '2', '--classes', '10', '--warmup', '0', '--steps', '1'];

t.test('--out and --name write the record beside the results', async (t) => {
  const dir = t.testdir({});
  const r = bench([...TINY, '--json', '--out', 'results', '--name', 'owt-67-b2'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const path = join(dir, 'results', 'perf', 'owt-67-b2.json');
  t.match(r.stderr, `wrote ${join('results', 'perf', 'owt-67-b2.json')}`);
  const printed = JSON.parse(r.stdout) as Record<string, unknown>;
  const record = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  t.match(record, { ...printed, version: 1, kind: 'perf', name: 'owt-67-b2', engine: 'wasm' }, 'the printed measurement and its provenance');
  t.match(record, { date: /^\d{4}-\d\d-\d\dT/, commit: /^[0-9a-f]{40}$/, node: process.version });
  t.same(readResultsFolder(join(dir, 'results')).perf.map((p) => p.name), ['owt-67-b2']);
});

t.test('--out without --name, --name without --out, a bad name: exit 2, nothing measured or written', async (t) => {
  const dir = t.testdir({});
  for (const [args, message] of [
    [['--out', 'results'], /--out: "results" needs --name \(the record is written to results\/perf\/NAME\.json\); add --name/],
    [['--name', 'x'], /--name: "x" is not allowed without --out; add --out or leave --name out/],
    [['--out', 'results', '--name', '../x'], /--name: "\.\.\/x" is not allowed; use 1 to 100 letters/],
  ] as const) {
    const r = bench([...TINY, ...args], { cwd: dir });
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, message);
    t.equal(r.stdout, '', 'nothing measured');
  }
  t.notOk(existsSync(join(dir, 'results')));
});

/** A tiny experiment of two activations at two learning rates: two distinct nets, four runs. */
const EXPERIMENT = {
  name: 'tiny-perf',
  dataset: { format: 'synthetic', classes: 3, imageSize: 20, trainSize: 8, valSize: 4, dataSeed: 1 },
  model: { variant: 'four-layer', inputSize: 20, widthFactor: 0.25 },
  training: { epochs: 1, batchSize: 4 },
  seeds: [1, 2],
  matrix: { activation: ['relu', 'tanh'], learningRate: [0.01, 0.1] },
};
const STEPS = ['--engine', 'wasm', '--warmup', '0', '--steps', '1'];

t.test('bench perf EXPERIMENT times each distinct net of the experiment at its own batch size', async (t) => {
  const dir = t.testdir({ 'x.json': JSON.stringify(EXPERIMENT) });
  const r = bench(['perf', 'x.json', ...STEPS, '--json'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const results = JSON.parse(r.stdout) as Array<Record<string, any>>;
  t.equal(results.length, 2, 'the learning rates and seeds share a net');
  t.same(results.map((p) => p.net.activation), ['relu', 'tanh']);
  t.same(results[1].experiment, { name: 'tiny-perf', runs: ['activation=tanh,learningRate=0.01', 'activation=tanh,learningRate=0.1'] });
  for (const p of results) {
    t.match(p, { variant: 'four-layer', inputSize: 20, batchSize: 4, engine: 'wasm' });
    t.ok(p.train.imagesPerSecond > 0 && p.inference.imagesPerSecond > 0);
    t.same(p.net.convs.map((c: { outChannels: number }) => c.outChannels), [8, 8, 16], 'the experiment\'s width factor');
  }
  const one = bench(['perf', 'x.json', ...STEPS, '--variant', 'activation=tanh,learningRate=0.1'], { cwd: dir });
  t.equal(one.code, 0, one.stderr);
  t.match(one.stdout, /tiny-perf: activation=tanh,learningRate=0\.1\n.*\nmodel four-layer, tanh, kernels 8-8-16, .* input 20 px, batch 4\ntrain: +[\d.]+ img\/s/);
});

t.test('bench perf EXPERIMENT: a --variant matching no run, preset options, --out with several nets: exit 2', async (t) => {
  const dir = t.testdir({ 'x.json': JSON.stringify(EXPERIMENT) });
  for (const [args, message] of [
    [['--variant', 'activation=sigmoid'], /x\.json: --variant "activation=sigmoid" matches no run; use a run label or some of its axis=value parts, e\.g\. "activation=relu,learningRate=0\.01"/],
    [['--batch', '8'], /--batch: 8 is not allowed with an experiment file \(x\.json sets the net, input size, batch and classes\)/],
    [['--out', 'r', '--name', 'n'], /--out: x\.json has 2 distinct nets and one record is written per --name; pick one with --variant/],
  ] as const) {
    const r = bench(['perf', 'x.json', ...STEPS, ...args], { cwd: dir });
    t.equal(r.code, 2, args.join(' '));
    t.match(r.stderr, message);
    t.equal(r.stdout, '', 'nothing measured');
  }
});
