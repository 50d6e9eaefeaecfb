import t, { type Test } from 'tap';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResults } from '../../src/regression/result-set.js';
import { addToHistory, readHistory, trends, writeHistory, type History } from '../../src/regression/history.js';
import { renderHistory } from '../../src/regression/history-chart.js';
import { writeResults, type FakeRun } from '../helpers/results.js';
import { inputError } from '../helpers/errors.js';

const at = (commit: string, top1s: number[]): FakeRun[] => top1s.map((valTop1, i) => ({ runId: `r${i}`, seed: i + 1, valTop1, commit }));

function historyOf(t: Test, commits: [string, number[]][]): { history: History; path: string; dir: string } {
  const dir = t.testdir({});
  const path = join(dir, 'history.json');
  for (const [commit, values] of commits) {
    const results = writeResults(join(dir, commit), [{ runs: at(commit, values) }]);
    writeHistory(path, addToHistory(readHistory(path), readResults(results), path));
  }
  return { history: readHistory(path) as History, path, dir };
}

t.test('entries accumulate per commit; re-adding a commit replaces it', async (t) => {
  const { history, path, dir } = historyOf(t, [['c1', [0.2, 0.21]], ['c2', [0.2, 0.22]]]);
  t.same(history.entries.map((e) => e.commit), ['c1', 'c2']);
  const again = addToHistory(history, readResults(writeResults(join(dir, 'c1b'), [{ runs: at('c1', [0.5, 0.5]) }])), path);
  t.same(again.entries.map((e) => e.commit), ['c2', 'c1']);
});

t.test('a step larger than the noise on both sides is flagged; noise-sized changes are not', async (t) => {
  // Two seeds 0.01 apart: std 0.0071, above the 0.5-point floor, so noise is 0.0071 and a
  // step needs a jump over 3 * 0.0071 = 0.021. c1->c2 moves 0.005 (no), c2->c3 0.195 (yes).
  const { history } = historyOf(t, [['c1', [0.2, 0.21]], ['c2', [0.205, 0.215]], ['c3', [0.4, 0.41]], ['c4', [0.401, 0.411]]]);
  const top1 = trends(history).filter((p) => p.metric === 'val.top1Error');
  t.same(top1.map((p) => p.step), [false, false, true, false]);
  t.equal(top1[2].commit, 'c3');
});

t.test('a noisy side hides a change of the same size', async (t) => {
  // c2's seeds spread by std 0.14: a 0.2 jump is within 3 std of that side, so no step.
  const { history } = historyOf(t, [['c1', [0.2, 0.2]], ['c2', [0.3, 0.5]]]);
  t.same(trends(history).filter((p) => p.metric === 'val.top1Error').map((p) => p.step), [false, false]);
});

t.test('renders a Vega-Lite spec and an SVG per metric', async (t) => {
  const { history, dir } = historyOf(t, [['c1', [0.2, 0.21]], ['c2', [0.4, 0.41]]]);
  const out = join(dir, 'charts');
  const { files, steps } = await renderHistory(history, out);
  t.ok(files.includes(join(out, 'val-top1Error.svg')));
  const svg = readFileSync(join(out, 'val-top1Error.svg'), 'utf8');
  t.match(svg, /^<svg/);
  t.match(svg, /exp: val\.top1Error/);
  t.match(svg, /font-family="DejaVu Sans"/, "the report's fixed font");
  const spec = JSON.parse(readFileSync(join(out, 'val-top1Error.vl.json'), 'utf8'));
  t.equal(spec.data.values.length, 2);
  t.ok(steps.some((s) => s.metric === 'val.top1Error' && s.commit === 'c2'));
  t.ok(existsSync(join(out, 'steps.json')));
});

t.test('bad input: no commit, mixed commits, another experiment, corrupt file', async (t) => {
  const dir = t.testdir({});
  const path = join(dir, 'h.json');
  t.match(await inputError(t, () => addToHistory(null, readResults(writeResults(join(dir, 'a'), [{ runs: [{ runId: 'x', valTop1: 0.1, commit: null }] }])), path)), /no git commit/);
  const mixed = writeResults(join(dir, 'b'), [{ runs: [{ runId: 'x', valTop1: 0.1, commit: 'c1' }, { runId: 'y', valTop1: 0.1, commit: 'c2' }] }]);
  t.match(await inputError(t, () => addToHistory(null, readResults(mixed), path)), /several commits/);
  const other: History = { schemaVersion: 1, experiment: 'other', entries: [] };
  t.match(await inputError(t, () => addToHistory(other, readResults(writeResults(join(dir, 'c'), [{ runs: at('c1', [0.1]) }])), path)), /for experiment "other", not "exp"/);
  writeFileSync(path, '{"schemaVersion":1,');
  t.match(await inputError(t, () => readHistory(path)), /h\.json: not a valid history file/);
});
