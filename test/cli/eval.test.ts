/** `bench eval --ensemble` as a user runs it: a table and exit 0, or exit 2 with a clear message. */
import t from 'tap';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bench } from '../helpers/cli.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

t.test('eval --ensemble of an experiment folder prints a table and writes the record', async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ seeds: [1, 2], training: { epochs: 1, batchSize: 16, learningRate: 0.01, schedule: { type: 'constant' } } }));
  const run = bench(['run', file, '--engine', 'wasm'], { cwd: dir });
  t.equal(run.code, 0, run.stderr);
  const r = bench(['eval', '--ensemble', join('results', 'tiny'), '--engine', 'wasm'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /crop\s+members\s+top-1 error\s+top-5 error/);
  t.match(r.stdout, /centre\s+2\s+\d+\.\d\d%/);
  t.equal(readdirSync(join(dir, 'results', 'tiny', 'ensembles')).length, 1, 'one record: centre crop only (tenCrop is off)');

  const noFlag = bench(['eval', join('results', 'tiny')], { cwd: dir });
  t.equal(noFlag.code, 2);
  t.match(noFlag.stderr, /add --ensemble/);
  const missing = bench(['eval', '--ensemble', 'nope', '--engine', 'wasm'], { cwd: dir });
  t.equal(missing.code, 2);
  t.match(missing.stderr, /nope: not a run folder/);
  t.notMatch(missing.stderr, /\n\s+at .+:\d+:\d+/, 'no stack trace');
});
