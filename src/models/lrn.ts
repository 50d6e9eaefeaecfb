/**
 * Local response normalisation (paper section 3.3), in the paper's notation:
 *
 *   b[i] = a[i] / (k + alpha * sum_{j = max(0, i - n/2)}^{min(N - 1, i + n/2)} a[j]^2)^beta
 *
 * where i runs over channels at one spatial position, n/2 is integer division and N is the
 * number of channels (of one tower: each GPU of the paper normalises its own maps).
 *
 * How alpha is read is the usual reproduction trap, so a config says it explicitly:
 * - "formula": alpha multiplies each squared term, as the printed formula says (1e-4).
 * - "cuda-convnet": the authors' code divides the configured scale by the window size
 *   (cuda-convnet's layer.py sets the layer's scale to `scale / size`), so the effective
 *   per-term alpha is alpha / n: 2e-5 with the paper's numbers. Caffe's bvlc_alexnet,
 *   whose LRN divides alpha by local_size, reads it the same way.
 * effectiveAlpha() gives the per-term alpha; every framework mapping starts from it:
 * - tfjs / TensorFlow: `tf.localResponseNormalization(x, depthRadius, bias, alpha, beta)`
 *   with depthRadius = (n - 1) / 2, bias = k, alpha = the per-term alpha, beta = beta.
 * - PyTorch: `nn.LocalResponseNorm(size, alpha, beta, k)` divides its alpha by size, so
 *   it gets size = n and alpha = per-term alpha * n (5e-4 for the formula reading).
 *   `nn.LocalResponseNorm(5)` with its defaults (alpha 1e-4, k 1) is NOT the paper's.
 */
import * as tf from '@tensorflow/tfjs-core';
import { InputError, messages } from '../core/errors.js';

/** How the configured alpha becomes the per-term alpha; see the module comment. */
export const LRN_ALPHA_READINGS = Object.freeze({
  formula: {
    description: 'alpha multiplies each squared term, as in the paper\'s printed formula (section 3.3)',
    perTerm: (alpha: number, _n: number) => alpha,
  },
  'cuda-convnet': {
    description: 'alpha is divided by the window size n, as the authors\' cuda-convnet (and Caffe) do',
    perTerm: (alpha: number, n: number) => alpha / n,
  },
});

export type LrnAlphaReading = keyof typeof LRN_ALPHA_READINGS;

export const LRN_ALPHA_READING_NAMES = Object.freeze(Object.keys(LRN_ALPHA_READINGS)) as readonly LrnAlphaReading[];

/** LRN's parameters as an experiment gives them (the paper's notation). */
export interface LrnParams {
  k: number;
  n: number;
  /** As configured; how it applies depends on alphaReading. */
  alpha: number;
  beta: number;
  alphaReading: LrnAlphaReading;
}

/** LRN as a model config records it: the parameters and the per-term alpha they give. */
export interface LrnConfig extends LrnParams {
  /** effectiveAlpha(params): recorded so that summaries and reports can print it. */
  effectiveAlpha: number;
}

/** The per-term alpha of the formula above, under the config's reading. */
export function effectiveAlpha(lrn: Pick<LrnParams, 'alpha' | 'n' | 'alphaReading'>): number {
  return LRN_ALPHA_READINGS[lrn.alphaReading].perTerm(lrn.alpha, lrn.n);
}

/** The config for these parameters, with the effective alpha filled in. */
export function lrnConfig(params: LrnParams): LrnConfig {
  const { k, n, alpha, beta, alphaReading } = params;
  return { k, n, alpha, beta, alphaReading, effectiveAlpha: effectiveAlpha(params) };
}

/** The paper's constants (section 3.3: "k = 2, n = 5, alpha = 10^-4, and beta = 0.75"), read as printed. */
export const PAPER_LRN_PARAMS: Readonly<LrnParams> = Object.freeze({ k: 2, n: 5, alpha: 1e-4, beta: 0.75, alphaReading: 'formula' });

/** The paper's LRN as a model config records it. */
export const PAPER_LRN: Readonly<LrnConfig> = Object.freeze(lrnConfig(PAPER_LRN_PARAMS));

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
  if (!(LRN_ALPHA_READING_NAMES as readonly unknown[]).includes(lrn.alphaReading)) {
    throw new InputError(messages.notAllowed(`${where}.alphaReading`, lrn.alphaReading, LRN_ALPHA_READING_NAMES));
  }
  const expected = effectiveAlpha(lrn);
  if (lrn.effectiveAlpha !== expected) {
    throw new InputError(`${where}.effectiveAlpha: ${lrn.effectiveAlpha} disagrees with alpha ${lrn.alpha} read as "${lrn.alphaReading}"; use ${expected}`);
  }
}

/** The parameters as tfjs arguments (tfjs's alpha is per term). */
export function tfjsLrnParams(lrn: LrnConfig): TfjsLrnParams {
  return { depthRadius: (lrn.n - 1) / 2, bias: lrn.k, alpha: effectiveAlpha(lrn), beta: lrn.beta };
}

/** The parameters as PyTorch arguments (PyTorch divides its alpha by size). */
export function pytorchLrnParams(lrn: LrnConfig): PytorchLrnParams {
  return { size: lrn.n, alpha: effectiveAlpha(lrn) * lrn.n, beta: lrn.beta, k: lrn.k };
}

/**
 * LRN across the channel axis of an NHWC tensor, within each of `towers` equal channel
 * groups: in the paper each GPU normalises its own kernel maps (sections 3.2 and 3.3), so
 * no window straddles the boundary between towers.
 */
export function localResponseNorm(x: tf.Tensor4D, lrn: LrnConfig, towers = 1): tf.Tensor4D {
  const p = tfjsLrnParams(lrn);
  const norm = (t: tf.Tensor4D) => tf.localResponseNormalization(t, p.depthRadius, p.bias, p.alpha, p.beta);
  if (towers === 1) return norm(x);
  return tf.tidy(() => tf.concat4d((tf.split(x, towers, 3) as tf.Tensor4D[]).map(norm), 3));
}
