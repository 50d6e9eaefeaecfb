/**
 * The flat metric view that baselines, compare, history and cite share: finished runs only,
 * and strict where the report is lenient (an unreadable file of a finished run is bad input).
 */
import t from 'tap';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readResultSets, summaryMetrics } from '../../src/results/run-metrics.js';
import type { RunSummary } from '../../src/results/summary.js';
import { writeResults } from '../helpers/results.js';
import { inputError } from '../helpers/errors.js';

const runs = [
  { runId: 'a1', seed: 1, valTop1: 0.2 },
  { runId: 'a2', seed: 2, valTop1: 0.3, status: 'in-progress' as const },
];

t.test('finished runs as flat metrics, from a results folder or an experiment folder', async (t) => {
  const dir = writeResults(t.testdir({}), [{ name: 'exp', runs, regression: { exactWeights: false } }]);
  const [set] = readResultSets(dir);
  t.equal(set.experiment, 'exp');
  t.same(set.regression, { exactWeights: false });
  t.same(set.runs.map((r) => [r.runId, r.status, r.commit, r.weightsSha256]), [['a1', 'completed', 'c0ffee', 'w-a1']], 'the run in progress is left out');
  t.same(set.runs[0].metrics, { 'val.top1Error': 0.2, 'val.top5Error': 0.1, 'val.loss': 1, imagesPerSecond: 100 });
  t.same(readResultSets(join(dir, 'exp')), [set]);
});

t.test('summaryMetrics flattens every split and the best epoch', async (t) => {
  const s = {
    final: { train: { loss: 2, errors: { top1: 0.5 } }, val: { loss: 1, errors: { top1: 0.3 } }, valTenCrop: { loss: 1, errors: { top1: 0.28 } } },
    best: { valTop1Error: 0.29, epoch: 3 },
    timings: { imagesPerSecond: 50 },
  } as unknown as RunSummary;
  t.same(summaryMetrics(s), { 'val.top1Error': 0.3, 'val.loss': 1, 'valTenCrop.top1Error': 0.28, 'train.top1Error': 0.5, 'best.valTop1Error': 0.29, imagesPerSecond: 50 });
});

t.test('unreadable files of finished runs are bad input; those of unfinished runs are not read', async (t) => {
  const dir = writeResults(t.testdir({}), [{ name: 'exp', runs }]);
  writeFileSync(join(dir, 'exp', 'a2', 'provenance.json'), '{');
  t.equal(readResultSets(dir)[0].runs.length, 1, 'a damaged provenance of a run in progress does not matter');
  writeFileSync(join(dir, 'exp', 'a1', 'provenance.json'), '{');
  t.match(await inputError(t, () => readResultSets(dir)), /a1\/provenance\.json: not a valid provenance file \(.*\); regenerate it$/);
  writeFileSync(join(dir, 'exp', 'a1', 'summary.json'), '');
  t.match(await inputError(t, () => readResultSets(dir)), /a1\/summary\.json: not a valid run summary .*regenerate it$/);
  writeFileSync(join(dir, 'exp', 'experiment.resolved.json'), '[');
  t.match(await inputError(t, () => readResultSets(dir)), /experiment\.resolved\.json: not a valid resolved experiment/);
});

t.test('a missing folder and a folder without experiments are bad input', async (t) => {
  const dir = t.testdir({ empty: {} });
  t.match(await inputError(t, () => readResultSets(join(dir, 'nope'))), /nope: results folder does not exist; check the path/);
  t.match(await inputError(t, () => readResultSets(join(dir, 'empty'))), /empty: no finished runs found/);
});
