/**
 * Test helper: a constructed results folder for the study's four questions (dropout with the
 * eval-mode training error and ten-crop, batch norm and early stopping on a holdout, disjoint
 * ensembles, ReLU/tanh/sigmoid with gradient events, a perf record), with chosen numbers.
 */
import { writePerfRecord, writeResults, type FakeExperiment, type FakeRun } from './results.js';

const FASHION = { format: 'fashion-mnist', classes: 10, trainLimit: null, valLimit: null };
export const SEEDS = [1, 2, 3, 4];

/** Dropout on/off: without dropout the eval-mode training error falls to 2% (gap 20 points in every seed) and reaches 10% by epoch 2; with it 15% (gap 7 points), never reaching 10% in 4 epochs. */
function dropoutRuns(): FakeRun[] {
  return SEEDS.flatMap((seed, i) => [
    { runId: `d5-${seed}`, seed, axes: { dropout: 0.5 }, valTop1: 0.22 + 0.002 * i, valTenCrop: { top1: 0.2 + 0.002 * i, top5: 0.01 }, trainTop1: [0.6, 0.4, 0.3, 0.25], trainEvalTop1: [0.5, 0.3, 0.2, 0.15 + 0.002 * i] },
    { runId: `d0-${seed}`, seed, axes: { dropout: 0 }, valTop1: 0.22 + 0.003 * i, valTenCrop: { top1: 0.205 + 0.003 * i, top5: 0.01 }, trainTop1: [0.5, 0.2, 0.1, 0.05], trainEvalTop1: [0.3, 0.08, 0.04, 0.02 + 0.003 * i] },
  ]);
}

/** Batch norm instead of LRN lowers top-1 by 3 points in every seed; early stopping (holdout) stops at epoch 3 of 4 and restores an epoch 1 point better than the full run's last. */
function laterRuns(): FakeRun[] {
  const es = { patience: 1, restoreBest: true };
  return SEEDS.flatMap((seed, i) => [
    { runId: `lrn-${seed}`, seed, axes: { normalization: 'lrn', earlyStopping: false }, valTop1: 0.25 + 0.01 * i, trainTop1: [0.6, 0.4, 0.3, 0.25] },
    { runId: `bn-${seed}`, seed, axes: { normalization: 'batchnorm', earlyStopping: false }, valTop1: 0.22 + 0.01 * i, trainTop1: [0.6, 0.4, 0.3, 0.25] },
    {
      runId: `es-${seed}`, seed, axes: { normalization: 'lrn', earlyStopping: es }, valTop1: 0.26 + 0.01 * i, trainTop1: [0.6, 0.4, 0.3],
      summaryExtra: {
        bestEpoch: { epoch: 2, monitor: 'holdout', holdout: { loss: 1, errors: { top1: 0.2 } }, val: { loss: 1, errors: { top1: 0.24 + 0.01 * i } } },
        earlyStopping: { stoppedAtEpoch: 3, restoredBest: true, monitor: 'holdout' },
      },
    },
  ]);
}

/** Ten nets; two disjoint ensembles of 5 each 2 and 3 points below their members' mean of 30%, and a third sharing members. */
function ensembleExperiment(): FakeExperiment {
  const runs: FakeRun[] = Array.from({ length: 10 }, (_, i) => ({ runId: `n${i + 1}`, seed: i + 1, valTop1: 0.3, valTop5: 0.05 }));
  const ids = (from: number) => Array.from({ length: 5 }, (_, i) => `n${from + i}`);
  return { name: 'ensembles', dataset: FASHION, runs, ensembles: [{ id: 'a', members: ids(1), top1: 0.28, top5: 0.04 }, { id: 'b', members: ids(6), top1: 0.27, top5: 0.04 }, { id: 'c', members: ids(3), top1: 0.26, top5: 0.04 }] };
}

/** ReLU reaches 25% windowed training error at step 10, tanh at step 30, sigmoid never (censored at 4 epochs); sigmoid's conv1 gradient is 1000 times smaller than fc4's. */
function figure1Runs(): FakeRun[] {
  const steps: Record<string, (number | null)[]> = { relu: [0.5, 0.2, 0.15, 0.1, 0.1, 0.1, 0.1, 0.1], tanh: [0.6, 0.5, 0.4, 0.3, 0.25, 0.2, 0.2, 0.2], sigmoid: [0.9, 0.9, 0.9, 0.8, 0.8, 0.7, 0.6, 0.5] };
  const grads: Record<string, { norms: Record<string, number>; saturation: Record<string, number> }> = {
    relu: { norms: { conv1: 0.5, conv2: 0.5, conv3: 0.5, fc4: 1 }, saturation: { conv1: 0.4, conv2: 0.5, conv3: 0.6 } },
    tanh: { norms: { conv1: 0.05, conv2: 0.1, conv3: 0.2, fc4: 1 }, saturation: { conv1: 0.3, conv2: 0.2, conv3: 0.1 } },
    sigmoid: { norms: { conv1: 0.001, conv2: 0.01, conv3: 0.1, fc4: 1 }, saturation: { conv1: 0.9, conv2: 0.8, conv3: 0.7 } },
  };
  return SEEDS.flatMap((seed) =>
    Object.keys(steps).map((activation) => ({
      runId: `${activation}-${seed}`, seed, axes: { activation }, valTop1: 0.3, trainTop1: [0.5, 0.4, 0.3, 0.2], stepTop1: steps[activation], logEverySteps: 5, stepsPerEpoch: 10,
      training: { epochs: 4, batchSize: 128 }, gradients: [5, 10, 15].map((step) => ({ step, ...grads[activation]! })),
    })),
  );
}

export const exp = (name: string, runs: FakeRun[]): FakeExperiment => ({ name, dataset: FASHION, runs: runs.map((r) => ({ training: { epochs: 4, batchSize: 128 }, ...r })) });


export const studyExperiments = (): FakeExperiment[] => [exp('ablations', dropoutRuns()), exp('later', laterRuns()), ensembleExperiment(), exp('figure1', figure1Runs())];

/** Writes the study's results and, with `perf`, one perf record under dir; returns dir. */
export function writeStudyResults(dir: string, opts: { perf: boolean } = { perf: true }): string {
  writeResults(dir, studyExperiments());
  if (opts.perf) writePerfRecord(dir, 'paper-227-b32');
  return dir;
}
