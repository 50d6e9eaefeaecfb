/**
 * The normalization registry: every normalization an experiment may name and which of the
 * builder's normalization ops it combines. The model config type, the experiment type (and
 * so the schema), the validation message and the builder all derive from this one object,
 * so a new combination of the ops is one entry here (a new op is one flag here and one
 * case in the builder).
 *
 * Where each op acts is fixed by the op:
 * - LRN (lrn.ts, paper section 3.3) after the activation of the layout's normalization
 *   slots (AlexNet: conv1 and conv2, section 3.5), with the config's LRN parameters;
 * - batch normalization (batch-norm.ts, Ioffe & Szegedy 2015) per channel after the
 *   convolution and bias of every conv layer, before its activation.
 */
import { InputError, messages } from '../core/errors.js';

export interface NormalizationEntry {
  /** One line for help texts. */
  description: string;
  /** LRN after the activation of the normalization slots; the config carries LRN's parameters exactly then. */
  usesLrn: boolean;
  /** Batch normalization before the activation of every conv layer: trainable gamma and beta, running statistics as model state. */
  usesBatchNorm: boolean;
}

/** Name -> normalization, in the order messages list them. */
export const NORMALIZATIONS = Object.freeze({
  lrn: {
    description: 'local response normalisation across channels after the activation of the first conv layers (paper section 3.3)',
    usesLrn: true,
    usesBatchNorm: false,
  },
  none: {
    description: 'no normalization layer',
    usesLrn: false,
    usesBatchNorm: false,
  },
  batchnorm: {
    description: 'batch normalization per channel before the activation of every conv layer (Ioffe & Szegedy 2015), instead of LRN',
    usesLrn: false,
    usesBatchNorm: true,
  },
  'lrn+batchnorm': {
    description: 'batch normalization before the activation of every conv layer, and LRN after the activation where "lrn" has it',
    usesLrn: true,
    usesBatchNorm: true,
  },
} satisfies Record<string, NormalizationEntry>);

export type NormalizationName = keyof typeof NORMALIZATIONS;

/** The declared normalizations, in registry order. */
export const NORMALIZATION_NAMES = Object.freeze(Object.keys(NORMALIZATIONS)) as readonly NormalizationName[];

/** The normalizations that use LRN's parameters, in registry order. */
export const LRN_NORMALIZATION_NAMES = Object.freeze(NORMALIZATION_NAMES.filter((n) => NORMALIZATIONS[n].usesLrn));

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
