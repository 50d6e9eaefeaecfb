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
