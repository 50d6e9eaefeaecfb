import t, { type Test } from 'tap';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { readResults } from '../../src/regression/result-set.js';
import { baselineFromResults, readBaseline, writeBaseline } from '../../src/regression/baseline.js';
import { compareResults } from '../../src/regression/compare.js';
import { compareMarkdown } from '../../src/regression/compare-format.js';
import { writeResults, type FakeRun } from '../helpers/results.js';
import { inputError } from '../helpers/errors.js';

const base: FakeRun[] = [
  { runId: 'a1', seed: 1, valTop1: 0.2 },
  { runId: 'a2', seed: 2, valTop1: 0.3 },
  { runId: 'a3', seed: 3, valTop1: 0.4 },
];

function setup(t: Test, now: FakeRun[], regression?: Record<string, unknown>) {
  const dir = t.testdir({});
  writeResults(join(dir, 'base'), [{ runs: base, regression }]);
  writeResults(join(dir, 'now'), [{ runs: now }]);
  const baselinePath = join(dir, 'baseline.json');
  writeBaseline(baselinePath, baselineFromResults(readResults(join(dir, 'base'))));
  const baseline = readBaseline(baselinePath);
  return { result: compareResults({ results: readResults(join(dir, 'now'), baseline.experiment), baseline, baselinePath }), baseline, dir, baselinePath };
}

t.test('identical results pass, hashes checked on a bit-exact engine', async (t) => {
  const { result, baseline } = setup(t, base);
  t.equal(baseline.bitExact, true);
  t.equal(result.regressions, 0);
  t.ok(result.hashChecked);
  t.ok(result.rows.some((r) => r.metric === 'weightsSha256' && r.status === 'ok'));
});

t.test('a worse error beyond 3 std of the seeds regresses; within it does not', async (t) => {
  // Seeds 0.2/0.3/0.4: std 0.1, tolerance 0.3. 0.2 -> 0.45 (+0.25) is within, 0.3 -> 0.65 (+0.35) is not.
  const { result } = setup(t, [
    { runId: 'a1', seed: 1, valTop1: 0.45 },
    { runId: 'a2', seed: 2, valTop1: 0.65 },
    { runId: 'a3', seed: 3, valTop1: 0.4 },
  ]);
  const top1 = (id: string) => result.rows.find((r) => r.runId === id && r.metric === 'val.top1Error');
  t.equal(top1('a1')?.status, 'ok');
  t.equal(top1('a2')?.status, 'regressed');
  t.ok(result.regressions >= 1);
  t.match(compareMarkdown(result), /\| `a2` \| base \| 2 \| val\.top1Error \| 30\.00% \| 65\.00% \| \+35\.00 pt .*❌ regressed/);
});

t.test('a changed weight hash fails on a bit-exact engine and is skipped when exactWeights is false', async (t) => {
  const changed = base.map((r) => (r.runId === 'a1' ? { ...r, weightsSha256: 'other' } : r));
  t.equal(setup(t, changed).result.rows.find((r) => r.metric === 'weightsSha256' && r.runId === 'a1')?.status, 'hash-changed');
  const relaxed = setup(t, changed, { exactWeights: false }).result;
  t.equal(relaxed.hashChecked, false);
  t.equal(relaxed.regressions, 0);
});

t.test('missing runs fail, extra runs are reported, failed runs fail', async (t) => {
  const { result } = setup(t, [
    { runId: 'a1', seed: 1, valTop1: 0.2 },
    { runId: 'a2', seed: 2, valTop1: 0.3, status: 'diverged' },
    { runId: 'b9', seed: 9, valTop1: 0.3 },
  ]);
  const status = (id: string) => result.rows.find((r) => r.runId === id)?.status;
  t.equal(status('a3'), 'missing');
  t.equal(status('b9'), 'extra');
  t.equal(status('a2'), 'failed');
  t.equal(result.regressions, 2, 'missing + failed; extra does not fail');
});

t.test('a baseline of another experiment and corrupt baselines are bad input', async (t) => {
  const dir = t.testdir({});
  writeResults(join(dir, 'base'), [{ name: 'other', runs: base }]);
  writeResults(join(dir, 'now'), [{ runs: base }]);
  const baselinePath = join(dir, 'b.json');
  writeBaseline(baselinePath, baselineFromResults(readResults(join(dir, 'base'))));
  const baseline = readBaseline(baselinePath);
  const msg = await inputError(t, () => compareResults({ results: readResults(join(dir, 'now'), baseline.experiment), baseline, baselinePath }));
  t.match(msg, /b\.json: this baseline is for experiment "other" but .* holds "exp"/);
  writeFileSync(baselinePath, '{"schemaVersion": 1, "experiment": "exp", "engine": "wasm", "ru');
  t.match(await inputError(t, () => readBaseline(baselinePath)), /b\.json: not a valid baseline file .*bench baseline update/);
  writeFileSync(baselinePath, JSON.stringify({ schemaVersion: 1, experiment: 'exp', engine: 'wasm', runs: { a1: { variant: 'base', metrics: { 'val.top1Error': 'x' }, weightsSha256: null } } }));
  t.match(await inputError(t, () => readBaseline(baselinePath)), /"runs"\."a1"\.metrics\.val\.top1Error is "x"; expected a finite number/);
  t.match(await inputError(t, () => readBaseline(join(dir, 'none.json'))), /does not exist/);
});
