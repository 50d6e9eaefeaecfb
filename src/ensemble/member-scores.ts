/**
 * One member's scores on the validation split, added into the ensemble's running sums: the
 * member's model is built, its saved final weights loaded, every val image evaluated (in
 * index order, batches of the run's batch size, with the scores training-time evaluation
 * ranks: the log of the mean probability over the image's patches), and the model disposed
 * before the next member, so one model is in memory at a time.
 *
 * The sums stay in the log domain: per (image, class), log of the sum over members of the
 * member's mean probability, kept in float64 on the JS side with log-add-exp. Why that is
 * exact enough: the members' scores arrive as float32 (relative error about 6e-8); each
 * float64 log-add-exp adds about 1e-16, so even thousands of members stay some eight
 * orders of magnitude below the inputs' own resolution. Probabilities are never summed:
 * they underflow to 0 in float32, and zeros tie.
 */
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ImageDataset } from '../data/dataset.js';
import { buildAlexNet, savedVariables, type AlexNet } from '../models/alexnet.js';
import { loadWeights } from '../results/weights.js';
import { batchIndices, centreCropBatch, disposeBatch, tenPatchBatch } from '../train/batches.js';
import { evaluationScores } from '../train/evaluate.js';
import type { EnsembleMember } from './members.js';
import { ensembleMessages as m } from './messages.js';

export type CropName = 'centre' | 'ten-crop';

/** Per crop: log of the summed member probabilities, [valCount * classes] row-major, float64. */
export type LogProbabilitySums = Map<CropName, Float64Array>;

/**
 * log(exp(a) + exp(b)) without overflow. -Infinity (an empty sum) is the identity, exactly:
 * the first member's scores are kept bit for bit. NaN stays NaN.
 */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

/** The member's network with its final weights and state (batch normalization's running statistics); the caller disposes it. */
export function loadMemberModel(member: EnsembleMember): AlexNet {
  const weightsDir = join(member.dir, 'weights');
  const saved = loadWeights(weightsDir);
  // Any init seed: every variable is overwritten by the saved weights below.
  const model = buildAlexNet(member.run.model, { initSeed: 1 });
  try {
    const variables = savedVariables(model);
    const names = Object.keys(saved).sort();
    const expected = variables.map((w) => w.name).sort();
    if (names.join() !== expected.join()) throw new InputError(m.weightsMismatch(weightsDir, `weights ${names.join(', ')}; the model has ${expected.join(', ')}`));
    for (const { name, variable } of variables) {
      const tensor = saved[name];
      if (tensor.shape.join('x') !== variable.shape.join('x')) {
        throw new InputError(m.weightsMismatch(weightsDir, `${name} is ${tensor.shape.join('x')}, the model needs ${variable.shape.join('x')}`));
      }
      variable.assign(tensor);
    }
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    for (const t of Object.values(saved)) t.dispose();
  }
}

export interface AccumulateOptions {
  member: EnsembleMember;
  dataset: ImageDataset;
  crops: readonly CropName[];
  sums: LogProbabilitySums;
}

/** Adds the member's val probabilities for each crop into `sums` (created empty, -Infinity, on first use). */
export async function accumulateMember(opts: AccumulateOptions): Promise<void> {
  const { member, dataset, crops, sums } = opts;
  const split = dataset.val;
  const classes = dataset.classes;
  const model = loadMemberModel(member);
  try {
    const order = Array.from({ length: split.count }, (_, i) => i);
    for (const crop of crops) {
      let sum = sums.get(crop);
      if (!sum) sums.set(crop, (sum = new Float64Array(split.count * classes).fill(-Infinity)));
      const make = crop === 'ten-crop' ? tenPatchBatch : centreCropBatch;
      let row = 0;
      for (const indices of batchIndices(order, member.run.training.batchSize)) {
        const batch = make({ dataset, split, indices, inputSize: model.config.inputSize, pixelScale: member.run.dataset.pixelScale });
        const scores = evaluationScores(model, batch);
        disposeBatch(batch);
        const values = await scores.data();
        scores.dispose();
        const offset = row * classes;
        for (let i = 0; i < values.length; i++) sum[offset + i] = logAddExp(sum[offset + i], values[i]);
        row += indices.length;
      }
    }
  } finally {
    model.dispose();
  }
}
