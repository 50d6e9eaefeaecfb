/**
 * A copy of a net in device memory: the best epoch's weights that early stopping's
 * restoreBest returns to. It covers every variable of the model (`modelVariables`), not
 * only the trainable weights, so that state a model keeps beside them (such as running
 * statistics) is copied and restored with them.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { AlexNet } from '../models/alexnet.js';

export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** Every variable of the model, by stable name, in the model's order: what a whole copy of the net holds. */
export function modelVariables(model: AlexNet): ReadonlyArray<{ name: string; variable: tf.Variable }> {
  return [...model.weights, ...model.state];
}

/** A copy of every variable's current value (the caller disposes it with disposeCopy). */
export function copyModel(model: AlexNet): NamedTensor[] {
  return modelVariables(model).map(({ name, variable }) => ({ name, tensor: tf.clone(variable) }));
}

/** Puts a copy's values back into the model's variables; the copy stays the caller's. */
export function restoreModel(model: AlexNet, copy: readonly NamedTensor[]): void {
  const byName = new Map(copy.map((c) => [c.name, c.tensor]));
  for (const { name, variable } of modelVariables(model)) {
    const tensor = byName.get(name);
    if (!tensor) throw new RangeError(`the copy of the model holds no ${name}`);
    variable.assign(tensor);
  }
}

export function disposeCopy(copy: readonly NamedTensor[] | null): void {
  for (const c of copy ?? []) c.tensor.dispose();
}
