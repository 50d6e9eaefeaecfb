/**
 * LRN in the report: per variant with LRN, the alpha reading and each LRN layer's activity
 * averaged over seeds, read out in a sentence; a factor under 1.01 is flagged; older runs say
 * "not recorded"; runs without LRN get no row.
 */
import t, { type Test } from 'tap';
import { buildModel } from '../../src/report/model.js';
import { readResultsFolder } from '../../src/report/results-view.js';
import { resultsMarkdown } from '../../src/report/markdown.js';
import { writeResults, type FakeRun } from '../helpers/results.js';

const lrnModel = (alphaReading: string) => ({ normalization: 'lrn', lrn: { k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading } });

function rows(t: Test, runs: FakeRun[]) {
  const dir = writeResults(t.testdir({}), [{ name: 'lrn', runs }]);
  return buildModel(readResultsFolder(dir), { folders: [dir], out: 'report' });
}

t.test('activity averaged over seeds per layer, with the reading and the alpha reading', async (t) => {
  const m = rows(t, [
    { runId: 'a1', seed: 1, axes: { normalization: 'lrn' }, valTop1: 0.3, model: lrnModel('formula'), lrnActivity: { conv1: { mean: 1.3, p95: 2.3 }, conv2: { mean: 1.005, p95: 1.02 } } },
    { runId: 'a2', seed: 2, axes: { normalization: 'lrn' }, valTop1: 0.3, model: lrnModel('formula'), lrnActivity: { conv1: { mean: 1.44, p95: 2.4 }, conv2: { mean: 1.007, p95: 1.03 } } },
    { runId: 'n1', seed: 1, axes: { normalization: 'none' }, valTop1: 0.3, model: { normalization: 'none', lrn: null }, lrnActivity: null },
  ]);
  t.same(m.lrnActivity.map((r) => [r.variant, r.layer, r.alphaReading, r.recorded, r.runs]), [['normalization=lrn', 'conv1', 'formula', 2, 2], ['normalization=lrn', 'conv2', 'formula', 2, 2]], 'no row for the run without LRN');
  // (1.3 + 1.44) / 2 = 1.37 and (2.3 + 2.4) / 2 = 2.35, printed with two decimals.
  t.equal(m.lrnActivity[0]!.reading, "LRN divided conv1's activations by 1.37 on average (95th percentile 2.35)");
  t.equal(m.lrnActivity[1]!.reading, "LRN divided conv2's activations by 1.01 on average (95th percentile 1.02). LRN was nearly a constant here: the ablation tests little", 'a mean of 1.006 is flagged');
  const md = resultsMarkdown(m);
  t.match(md, /## LRN activity[\s\S]*\| lrn \| normalization=lrn \| formula \| conv1 \| 1\.37 \| 2\.35 \| 2\/2 \|/);
});

t.test('runs with LRN that recorded no activity (older versions) say "not recorded"', async (t) => {
  const m = rows(t, [{ runId: 'old', seed: 1, axes: {}, valTop1: 0.3, model: { lrn: { k: 2, n: 5, alpha: 1e-4, beta: 0.75 } } }]);
  t.same(m.lrnActivity.map((r) => [r.alphaReading, r.layer, r.mean, r.reading]), [['not recorded', '-', null, 'LRN activity not recorded (runs of an older version)']]);
});
