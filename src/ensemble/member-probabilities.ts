/**
 * One member's class probabilities on the validation split, added into running sums: the
 * member's model is built, its saved final weights loaded, every val image evaluated (in
 * index order, batches of the run's batch size, as training-time evaluation does), and
 * the model disposed before the next member, so one model is in memory at a time.
 */
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '../core/errors.js';
import type { ImageDataset } from '../data/dataset.js';
import { buildAlexNet, type AlexNet } from '../models/alexnet.js';
import { loadWeights } from '../results/weights.js';
import { batchIndices, centreCropBatch, disposeBatch, tenPatchBatch } from '../train/batches.js';
import { probabilities } from '../train/evaluate.js';
import type { EnsembleMember } from './members.js';
import { ensembleMessages as m } from './messages.js';

export type CropName = 'centre' | 'ten-crop';

/** Sums of probabilities [valCount * classes], row-major, one per crop. */
export type ProbabilitySums = Map<CropName, Float32Array>;

/** The member's network with its final weights; the caller disposes it. */
export function loadMemberModel(member: EnsembleMember): AlexNet {
  const weightsDir = join(member.dir, 'weights');
  const saved = loadWeights(weightsDir);
  // Any init seed: every variable is overwritten by the saved weights below.
  const model = buildAlexNet(member.run.model, { initSeed: 1 });
  try {
    const names = Object.keys(saved).sort();
    const expected = model.weights.map((w) => w.name).sort();
    if (names.join() !== expected.join()) throw new InputError(m.weightsMismatch(weightsDir, `weights ${names.join(', ')}; the model has ${expected.join(', ')}`));
    for (const { name, variable } of model.weights) {
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
  sums: ProbabilitySums;
}

/** Adds the member's val probabilities for each crop into `sums` (created on first use). */
export async function accumulateMember(opts: AccumulateOptions): Promise<void> {
  const { member, dataset, crops, sums } = opts;
  const split = dataset.val;
  const classes = dataset.classes;
  const model = loadMemberModel(member);
  try {
    const order = Array.from({ length: split.count }, (_, i) => i);
    for (const crop of crops) {
      let sum = sums.get(crop);
      if (!sum) sums.set(crop, (sum = new Float32Array(split.count * classes)));
      const make = crop === 'ten-crop' ? tenPatchBatch : centreCropBatch;
      let row = 0;
      for (const indices of batchIndices(order, member.run.training.batchSize)) {
        const batch = make({ dataset, split, indices, inputSize: model.config.inputSize, pixelScale: member.run.dataset.pixelScale });
        const probs = tf.tidy(() => probabilities(model, batch));
        disposeBatch(batch);
        const values = await probs.data();
        probs.dispose();
        const offset = row * classes;
        for (let i = 0; i < values.length; i++) sum[offset + i] += values[i];
        row += indices.length;
      }
    }
  } finally {
    model.dispose();
  }
}
