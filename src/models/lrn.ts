/**
 * Local response normalisation (paper section 3.3), in the paper's notation:
 *
 *   b[i] = a[i] / (k + alpha * sum_{j = max(0, i - n/2)}^{min(N - 1, i + n/2)} a[j]^2)^beta
 *
 * where i runs over channels at one spatial position, n/2 is integer division and N is the
 * number of channels.
 *
 * Mapping to the frameworks (they disagree on alpha, which is the usual reproduction bug):
 * - tfjs / TensorFlow: `tf.localResponseNormalization(x, depthRadius, bias, alpha, beta)`
 *   with depthRadius = (n - 1) / 2, bias = k, alpha = alpha (NOT divided by n), beta = beta.
 *   The paper's net: depthRadius 2, bias 2, alpha 1e-4, beta 0.75.
 * - PyTorch: `nn.LocalResponseNorm(size, alpha, beta, k)` divides alpha by size, so the
 *   paper's net is size = n = 5, alpha = alpha * n = 5e-4, beta = 0.75, k = 2.
 *   `nn.LocalResponseNorm(5)` with its defaults (alpha 1e-4, k 1) is NOT the paper's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError } from '../core/errors.js';
import type { LrnConfig } from './config.js';

/** The paper's constants (section 3.3: "k = 2, n = 5, alpha = 10^-4, and beta = 0.75"). */
export const PAPER_LRN: Readonly<LrnConfig> = Object.freeze({ k: 2, n: 5, alpha: 1e-4, beta: 0.75 });

/** Arguments of tfjs's `localResponseNormalization`, in its own order and names. */
export interface TfjsLrnParams {
  depthRadius: number;
  bias: number;
  alpha: number;
  beta: number;
}

/** Arguments of PyTorch's `nn.LocalResponseNorm`, for reports and cross-checks. */
export interface PytorchLrnParams {
  size: number;
  alpha: number;
  beta: number;
  k: number;
}

/** Throws an InputError unless `lrn` describes a valid normalisation. */
export function validateLrn(lrn: LrnConfig, where = 'lrn'): void {
  // n must be odd: the window is centred on channel i, n/2 channels on each side.
  if (!Number.isInteger(lrn.n) || lrn.n < 1 || lrn.n % 2 === 0) {
    throw new InputError(`${where}.n: ${lrn.n} is not allowed; use an odd positive integer (the paper: 5)`);
  }
  if (!(Number.isFinite(lrn.k) && lrn.k >= 0)) {
    throw new InputError(`${where}.k: ${lrn.k} is not allowed; use a number >= 0 (the paper: 2)`);
  }
  if (!(Number.isFinite(lrn.alpha) && lrn.alpha > 0)) {
    throw new InputError(`${where}.alpha: ${lrn.alpha} is not allowed; use a number > 0 (the paper: 1e-4)`);
  }
  if (!(Number.isFinite(lrn.beta) && lrn.beta > 0)) {
    throw new InputError(`${where}.beta: ${lrn.beta} is not allowed; use a number > 0 (the paper: 0.75)`);
  }
}

/** The paper's parameters as tfjs arguments (alpha passes through unchanged). */
export function tfjsLrnParams(lrn: LrnConfig): TfjsLrnParams {
  return { depthRadius: (lrn.n - 1) / 2, bias: lrn.k, alpha: lrn.alpha, beta: lrn.beta };
}

/** The paper's parameters as PyTorch arguments (PyTorch divides alpha by size). */
export function pytorchLrnParams(lrn: LrnConfig): PytorchLrnParams {
  return { size: lrn.n, alpha: lrn.alpha * lrn.n, beta: lrn.beta, k: lrn.k };
}

/** LRN across the channel axis of an NHWC tensor, with parameters in the paper's notation. */
export function localResponseNorm(x: tf.Tensor4D, lrn: LrnConfig): tf.Tensor4D {
  const p = tfjsLrnParams(lrn);
  return tf.localResponseNormalization(x, p.depthRadius, p.bias, p.alpha, p.beta);
}
