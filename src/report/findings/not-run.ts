/**
 * What a claim or question without data says: which experiment would answer it. Each names
 * the contrast in the experiment language and the study file of this repository that runs it.
 */
import { valueWords } from './words.js';

const STUDY = 'experiments/fashion-mnist';

/** The study file that runs a contrast on each axis, and what in it does. */
const STUDY_FILES: Record<string, string> = {
  activation: `${STUDY}/figure1.json (the four-layer net, ReLU vs tanh vs sigmoid, each at its best of three learning rates) and ${STUDY}/ablations.json (the paper's net with tanh or sigmoid)`,
  normalization: `${STUDY}/ablations.json (the paper's recipe with normalization none, batchnorm or lrn+batchnorm)`,
  pooling: `${STUDY}/ablations.json (non-overlapping pooling)`,
  variant: `${STUDY}/ablations.json (variant paper-one-tower)`,
  towers: `${STUDY}/ablations.json (towers 1, same kernels)`,
  lighting: `${STUDY}/ablations.json (lighting off)`,
  flip: `${STUDY}/ablations.json (flip off)`,
  randomCrop: `${STUDY}/ablations.json (randomCrop off)`,
  dropout: `${STUDY}/ablations.json (dropout 0, with evaluation.trainEvalImages for the eval-mode training error)`,
  weightDecay: `${STUDY}/ablations.json (weightDecay 0)`,
  earlyStopping: `${STUDY}/ablations.json (earlyStopping on, monitored on a holdout)`,
  nets: `${STUDY}/ensembles.json, then bench eval --ensemble over disjoint groups of 5 and of 7 runs`,
};

/** "Not run here: an experiment whose runs differ only in ... would answer it (in this repository: ...)." */
export function notRunAxis(axis: string, better?: unknown, worse?: unknown): string {
  if (axis === 'depth') return 'Not run here: no layer layout of this repository removes a middle conv layer, so no experiment can test it yet';
  const values = better === undefined ? '' : ` (${valueWords(better)} vs ${valueWords(worse)})`;
  const file = STUDY_FILES[axis];
  return `Not run here: an experiment whose runs differ only in "${axis}"${values}, over at least 2 seeds, would answer it${file ? ` (in this repository: ${file})` : ''}`;
}

export function notRunEnsemble(nets: number): string {
  return `Not run here: no bench eval --ensemble record of ${nets} nets; at least two disjoint ensembles of ${nets} runs each would answer it (in this repository: ${STUDY_FILES.nets})`;
}

/** The experiments that answer each question, for a question without data. */
export const QUESTION_EXPERIMENTS: Record<1 | 2 | 3 | 4, string> = {
  1: `${STUDY}/ablations.json: the paper's recipe with one technique removed at a time (random crops, flips, PCA lighting, dropout, ReLU, LRN, overlapping pooling, the towers), 5 seeds, ten-crop evaluation and the eval-mode training error`,
  2: `${STUDY}/ablations.json (weightDecay 0, earlyStopping on, normalization batchnorm and lrn+batchnorm) and ${STUDY}/ensembles.json with bench eval --ensemble over disjoint groups of 5 and 7 runs`,
  3: `${STUDY}/figure1.json: the four-layer net with ReLU, tanh and sigmoid, each at its best of three learning rates, gradient norms and saturation logged, 5 seeds`,
  4: 'bench perf of the paper\'s net at 227 px with --out into the results folder (perf/*.json records), beside bench models --memory',
};

export function notRunQuestion(q: 1 | 2 | 3 | 4): string {
  return `Not run here: ${QUESTION_EXPERIMENTS[q]} would answer it`;
}
