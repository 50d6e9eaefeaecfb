/**
 * Convolution shapes for the webgpu kernel checks: 'same'/'valid'/explicit padding, strides
 * 1/2/4, kernels 1/3/5/11, channel counts that are not multiples of 4, batch 1, and sizes
 * that leave partial GEMM tiles and split K, and both thread-block sizes (gemm-program.ts). Small, because lavapipe runs on the CPU.
 */
export interface ConvCase {
  batch: number;
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  kernel: number;
  stride: number;
  pad: 'same' | 'valid' | number;
}

export const CONV_CASES: ConvCase[] = [
  { batch: 2, height: 19, width: 19, inChannels: 3, outChannels: 8, kernel: 11, stride: 4, pad: 2 },
  { batch: 1, height: 9, width: 11, inChannels: 5, outChannels: 7, kernel: 5, stride: 1, pad: 'same' },
  { batch: 3, height: 8, width: 8, inChannels: 6, outChannels: 10, kernel: 3, stride: 2, pad: 'valid' },
  { batch: 2, height: 7, width: 6, inChannels: 70, outChannels: 66, kernel: 1, stride: 1, pad: 'valid' },
  { batch: 1, height: 10, width: 10, inChannels: 4, outChannels: 3, kernel: 3, stride: 2, pad: 'same' },
  { batch: 2, height: 13, width: 13, inChannels: 9, outChannels: 130, kernel: 3, stride: 1, pad: 1 },
  { batch: 4, height: 32, width: 32, inChannels: 3, outChannels: 5, kernel: 5, stride: 1, pad: 'same' },
  { batch: 1, height: 12, width: 9, inChannels: 2, outChannels: 4, kernel: 5, stride: 4, pad: 'same' },
  // Both sides of C >= 128: the 8x8-per-thread (128x128 tile) path, dW here ...
  { batch: 2, height: 6, width: 6, inChannels: 130, outChannels: 136, kernel: 3, stride: 1, pad: 1 },
  // ... and dX here (M = 4*9*9, N = 132).
  { batch: 4, height: 9, width: 9, inChannels: 132, outChannels: 20, kernel: 3, stride: 2, pad: 'same' },
];

export interface LrnCase { shape: [number, number, number, number]; depthRadius: number; bias: number; alpha: number; beta: number }

/**
 * LRN gradient: the model's constants (radius 2, bias 2, alpha 1e-4, beta 0.75: src/models/lrn.ts) and
 * large alphas so the cross-channel term matters; channel counts below and above the
 * window, batch 1.
 */
export const LRN_CASES: LrnCase[] = [
  { shape: [2, 3, 3, 64], depthRadius: 2, bias: 2, alpha: 1e-4, beta: 0.75 },
  { shape: [1, 4, 5, 7], depthRadius: 2, bias: 1, alpha: 0.5, beta: 0.75 },
  { shape: [3, 2, 2, 3], depthRadius: 3, bias: 1.5, alpha: 0.3, beta: 0.5 },
  { shape: [1, 3, 3, 13], depthRadius: 1, bias: 0.5, alpha: 1, beta: 1.2 },
];
