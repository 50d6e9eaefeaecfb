/**
 * The activation registry: every activation an experiment may name, with the tfjs op the
 * builder applies. The model config type, the experiment type (and so the schema), the
 * validation message and the builder all derive from this one object, so adding an
 * activation is one line here.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError, messages } from '../core/errors.js';

export interface ActivationEntry {
  /** One line for help texts. */
  description: string;
  /** Applied after every conv and hidden FC layer. */
  apply: (x: tf.Tensor) => tf.Tensor;
}

/** Name -> activation, in the order messages list them. */
export const ACTIVATIONS = Object.freeze({
  relu: { description: 'max(0, x), the paper\'s non-saturating choice (section 3.1)', apply: (x) => tf.relu(x) },
  tanh: { description: 'the saturating tanh the paper compares ReLU against (section 3.1, figure 1)', apply: (x) => tf.tanh(x) },
  sigmoid: { description: 'the saturating logistic 1 / (1 + e^-x), the other standard neuron model of section 3.1', apply: (x) => tf.sigmoid(x) },
} satisfies Record<string, ActivationEntry>);

export type ActivationName = keyof typeof ACTIVATIONS;

/** The declared activations, in registry order. */
export const ACTIVATION_NAMES = Object.freeze(Object.keys(ACTIVATIONS)) as readonly ActivationName[];

export function isActivation(name: unknown): name is ActivationName {
  return (ACTIVATION_NAMES as readonly unknown[]).includes(name);
}

/** Throws an InputError listing the declared activations unless `name` is one. */
export function requireActivation(name: unknown): asserts name is ActivationName {
  if (!isActivation(name)) throw new InputError(messages.notAllowed('activation', name, ACTIVATION_NAMES));
}
