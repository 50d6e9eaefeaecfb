/**
 * The evaluations at an epoch's end, each logged as an `evaluation` event: the validation
 * split, the holdout (when the data set has one), the first training images in evaluation
 * mode (`evaluation.trainEvalImages`, split "train-eval"), and after the last epoch the
 * paper's ten patches. All in index order, centre crop, no dropout: no random stream.
 */
import type { ImageDataset, ImageSplit } from '../data/dataset.js';
import type { ResolvedRun } from '../experiment/resolve.js';
import type { AlexNet } from '../models/alexnet.js';
import type { RunRecorder } from '../results/recorder.js';
import type { SplitMetrics } from '../results/summary.js';
import { evaluateSplit } from './evaluate.js';

export interface EpochEvaluations {
  val: SplitMetrics | null;
  holdout: SplitMetrics | null;
  trainEval: SplitMetrics | null;
}

export const NOT_EVALUATED: EpochEvaluations = Object.freeze({ val: null, holdout: null, trainEval: null });

export interface EpochEvaluationOptions {
  model: AlexNet;
  dataset: ImageDataset;
  run: ResolvedRun;
  recorder: RunRecorder;
  /** Where the events go in the log. */
  at: { epoch: number; step: number };
}

/** The first `count` training images (all, when there are fewer): the split "train-eval". */
export function trainEvalSplit(dataset: ImageDataset, count: number): ImageSplit {
  const n = Math.min(count, dataset.train.count);
  const bytesPerImage = dataset.height * dataset.width * dataset.channels;
  return { images: dataset.train.images.subarray(0, n * bytesPerImage), labels: dataset.train.labels.subarray(0, n), count: n };
}

function evaluationOf(o: EpochEvaluationOptions, split: ImageSplit) {
  const { run } = o;
  return { model: o.model, dataset: o.dataset, split, batchSize: run.training.batchSize, topK: run.evaluation.topK, pixelScale: run.dataset.pixelScale };
}

/** Evaluates val, then the holdout and train-eval where there are such splits, logging each. */
export async function evaluateEpoch(o: EpochEvaluationOptions): Promise<EpochEvaluations> {
  const one = async (name: 'val' | 'holdout' | 'train-eval', split: ImageSplit | undefined): Promise<SplitMetrics | null> => {
    if (split === undefined) return null;
    const metrics = await evaluateSplit(evaluationOf(o, split));
    o.recorder.emit('evaluation', o.at, { split: name, loss: metrics.loss, errors: metrics.errors, examples: split.count });
    return metrics;
  };
  const trainEvalImages = o.run.evaluation.trainEvalImages;
  return {
    val: await one('val', o.dataset.val),
    holdout: await one('holdout', o.dataset.holdout),
    trainEval: await one('train-eval', trainEvalImages > 0 ? trainEvalSplit(o.dataset, trainEvalImages) : undefined),
  };
}

/** The paper's ten-patch validation error of the net as it is now, logged as "val-ten-crop". */
export async function evaluateTenCrop(o: EpochEvaluationOptions): Promise<SplitMetrics> {
  const metrics = await evaluateSplit({ ...evaluationOf(o, o.dataset.val), tenCrop: true });
  o.recorder.emit('evaluation', o.at, { split: 'val-ten-crop', loss: metrics.loss, errors: metrics.errors, examples: o.dataset.val.count });
  return metrics;
}
