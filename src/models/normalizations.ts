/**
 * The normalization registry: every normalization an experiment may name, where in the
 * net it acts and the op the builder applies there. The model config type, the experiment
 * type (and so the schema), the validation message and the builder all derive from this
 * one object, so adding a normalization is one entry here (and, for a new place to act,
 * one case in the builder).
 */
import type * as tf from '@tensorflow/tfjs-core';
import { InputError, messages } from '../core/errors.js';
import { localResponseNorm, type LrnConfig } from './lrn.js';

/**
 * Where a normalization acts: after the activation of the layout's normalization slots
 * (conv1 and conv2 in AlexNet, paper section 3.5). These are the places the builder knows.
 */
export interface NormalizationSite {
  layers: 'norm-slots';
  position: 'after-activation';
}

/** What the op sees besides its input. */
export interface NormalizationContext {
  /** Non-null exactly when the entry uses LRN's parameters. */
  lrn: LrnConfig | null;
  /** The net's towers: a normalization across channels stays within each tower's channels. */
  towers: number;
}

export interface NormalizationEntry {
  /** One line for help texts. */
  description: string;
  /** Where it acts; null: nowhere (no op, no parameters). */
  site: NormalizationSite | null;
  /** Whether the model config carries LRN parameters (config.lrn non-null exactly then). */
  usesLrn: boolean;
  apply: (x: tf.Tensor4D, ctx: NormalizationContext) => tf.Tensor4D;
}

/** Name -> normalization, in the order messages list them. */
export const NORMALIZATIONS = Object.freeze({
  lrn: {
    description: 'local response normalisation across channels (paper section 3.3)',
    site: { layers: 'norm-slots', position: 'after-activation' },
    usesLrn: true,
    apply: (x, ctx) => localResponseNorm(x, ctx.lrn!, ctx.towers),
  },
  none: {
    description: 'no normalization layer',
    site: null,
    usesLrn: false,
    apply: (x) => x,
  },
} satisfies Record<string, NormalizationEntry>);

export type NormalizationName = keyof typeof NORMALIZATIONS;

/** The declared normalizations, in registry order. */
export const NORMALIZATION_NAMES = Object.freeze(Object.keys(NORMALIZATIONS)) as readonly NormalizationName[];

export function isNormalization(name: unknown): name is NormalizationName {
  return (NORMALIZATION_NAMES as readonly unknown[]).includes(name);
}

/** Throws an InputError listing the declared normalizations unless `name` is one. */
export function requireNormalization(name: unknown): asserts name is NormalizationName {
  if (!isNormalization(name)) throw new InputError(messages.notAllowed('normalization', name, NORMALIZATION_NAMES));
}

/** The entry of a declared normalization (validated configs only). */
export function normalizationOf(name: NormalizationName): NormalizationEntry {
  return NORMALIZATIONS[name];
}
