/**
 * `bench report` as a user runs it: exit 0 with a summary line, exit 2 with a message naming
 * the folder and the fix for bad input, never a stack trace.
 */
import t, { type Test } from 'tap';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bench } from '../helpers/cli.js';
import { lrnGrid, writeResults } from '../helpers/results.js';

const noStack = (t: Test, text: string) => t.notMatch(text, /\n\s+at .+:\d+:\d+/, 'no stack trace');

t.test('report: good results exit 0 and write the folder', async (t) => {
  const dir = t.testdir({});
  writeResults(join(dir, 'results'), [lrnGrid('cli', [0.3, 0.31], [0.35, 0.36])]);
  const r = bench(['report', 'results', '--out', 'reports/cli'], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  t.match(r.stdout, /reports\/cli: \d+ files, \d+ figures, 0 gap\(s\)/);
  t.ok(existsSync(join(dir, 'reports', 'cli', 'index.html')));
  t.match(bench(['--help'], { cwd: dir }).stdout, /bench report/);
});

t.test('report: bad input exits 2 with the folder and the fix', async (t) => {
  const dir = t.testdir({ empty: {} });
  const empty = bench(['report', 'empty', '--out', 'r'], { cwd: dir });
  t.equal(empty.code, 2);
  t.match(empty.stderr, /^empty: no experiment results here .*bench run EXPERIMENT --out empty/);
  noStack(t, empty.stderr);
  const noOut = bench(['report', 'empty'], { cwd: dir });
  t.equal(noOut.code, 2);
  t.match(noOut.stderr, /--out: missing/);
  const none = bench(['report', '--out', 'r'], { cwd: dir });
  t.equal(none.code, 2, 'no results folder is a usage error');
  noStack(t, none.stderr);
});
