/**
 * Which runs count, and how: a diverged run, or a completed one with non-finite validation
 * metrics, is a failed model counted as 100% error at every evaluated k and listed; a run
 * still in progress or failed for another reason is a gap, out of the numbers.
 */
import t from 'tap';
import { aggregateVariants, runFailure, runGap, valError } from '../../src/report/aggregate.js';
import { readResultsFolder } from '../../src/report/results-view.js';
import { learningCurves } from '../../src/report/measures.js';
import { writeResults } from '../helpers/results.js';

t.test('failed models count as 100%, gaps do not count', async (t) => {
  const dir = writeResults(t.testdir({}), [{
    name: 'f',
    runs: [
      { runId: 'ok', seed: 1, valTop1: 0.3, valTop5: 0.1 },
      { runId: 'div', seed: 2, valTop1: 0.2, status: 'diverged', message: 'loss NaN at epoch 2', evaluation: { topK: [1, 5], tenCrop: false } },
      { runId: 'nan', seed: 3, valTop1: NaN, valTop5: 0.05 },
      { runId: 'busy', seed: 4, valTop1: 0.3, status: 'in-progress' },
      { runId: 'oom', seed: 5, valTop1: 0.3, status: 'failed', message: 'out of memory' },
      { runId: 'top1only', seed: 6, valTop1: 0.3, status: 'diverged', evaluation: { topK: [1], tenCrop: false } },
    ],
  }]);
  const e = readResultsFolder(dir)[0]!;
  const run = (id: string) => e.runs.find((r) => r.runId === id)!;
  t.equal(runFailure(run('div')), 'diverged (loss NaN at epoch 2)');
  t.equal(runFailure(run('nan')), 'completed with non-finite validation metrics');
  t.same(['div', 'nan'].map((id) => [valError(run(id), 'top1'), valError(run(id), 'top5')]), [[100, 100], [100, 100]], 'every k');
  t.equal(valError(run('top1only'), 'top5'), null, 'only the k the run evaluates');
  t.equal(runGap(run('busy'))?.includes('still in progress'), true);
  t.equal(valError(run('oom'), 'top1'), null, 'failed for another reason: a gap');
  const [v] = aggregateVariants([e]);
  t.same(v!.seeds, [1, 2, 3, 6], 'the failed models count; the gaps do not');
  // Top-1 over 30, 100, 100, 100 (percent): mean 82.5.
  t.equal(v!.valTop1!.mean, 82.5);
  t.match(v!.failures.join('\n'), /div \(seed 2\): diverged \(loss NaN at epoch 2\); counted as 100% error at every k and as never reaching the training-error target/);
  t.same(v!.gaps.filter((g) => !g.includes('top-5')).map((g) => g.split(' ')[0]), ['busy', 'oom']);
  t.same([...new Set(learningCurves(e).map((p) => p.seeds))], [1], 'learning curves: only the run whose metrics stand');
});
