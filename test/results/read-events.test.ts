/**
 * Epoch points from an event log: each evaluation split's top-1 and top-5 land in its own
 * fields (train, val, holdout, train-eval), the ten-crop split is not per epoch, and a split
 * that was not evaluated in an epoch stays null.
 */
import t from 'tap';
import { epochPoints } from '../../src/results/read-events.js';
import type { BenchEvent, EvaluationSplit } from '../../src/results/events.js';

function evaluation(epoch: number, split: EvaluationSplit, top1: number, top5: number): BenchEvent {
  return { v: 1, type: 'evaluation', timeMs: 0, elapsedMs: 0, epoch, step: 4 * epoch, value: { split, loss: 1, errors: { top1, top5 }, examples: 16 } };
}

function epochEnd(epoch: number, elapsedMs: number): BenchEvent {
  const value = { learningRate: 0.01, epochTimeMs: 1000, imagesPerSecond: 64, peakTensorBytes: 0 };
  return { v: 1, type: 'epoch_end', timeMs: 0, elapsedMs, epoch, step: 4 * epoch, value };
}

t.test('each split has its own fields; unevaluated splits stay null', async (t) => {
  const points = epochPoints([
    evaluation(1, 'train', 0.9, 0.5),
    evaluation(1, 'val', 0.8, 0.4),
    evaluation(1, 'holdout', 0.7, 0.3),
    evaluation(1, 'train-eval', 0.6, 0.2),
    epochEnd(1, 1000),
    evaluation(2, 'train', 0.5, 0.25),
    evaluation(2, 'val-ten-crop', 0.1, 0.05),
    epochEnd(2, 2000),
  ]);
  t.same(points, [
    {
      epoch: 1, trainTop1: 0.9, trainTop5: 0.5, valTop1: 0.8, valTop5: 0.4,
      holdoutTop1: 0.7, holdoutTop5: 0.3, trainEvalTop1: 0.6, trainEvalTop5: 0.2, elapsedMs: 1000,
    },
    {
      epoch: 2, trainTop1: 0.5, trainTop5: 0.25, valTop1: null, valTop5: null,
      holdoutTop1: null, holdoutTop5: null, trainEvalTop1: null, trainEvalTop5: null, elapsedMs: 2000,
    },
  ], 'val-ten-crop goes into no epoch field');
});
