/**
 * Pure shape arithmetic for the two conv2d gradients rebuilt from forward convolutions.
 * Kept apart from the kernels so every case (strides, 'same'/'valid'/explicit pads,
 * rounding) can be reasoned about and unit-tested without a backend.
 *
 * Notation per spatial axis: input length `inLen`, filter length `k`, stride `s`, padding
 * before `before` (from tfjs's computeConv2DInfo), output length `outLen`.
 */

/** One spatial axis of a conv2d as tfjs resolved it. */
export interface ConvAxis {
  inLen: number;
  k: number;
  s: number;
  before: number;
  outLen: number;
}

/** Pads for a stride-1 valid-style conv, then the window of its output to keep. */
export interface AxisPlan {
  padBefore: number;
  padAfter: number;
  /** first output index to keep, and how many */
  keepFrom: number;
  keep: number;
  /** output length the conv produces with these pads */
  convOut: number;
}

/**
 * Filter gradient along one axis: conv over the padded input with the dy map as a kernel
 * dilated by the stride. Output index a = filter tap a; only taps [0, k) are kept.
 * The pad after is only as large as the last tap needs, so no zero rows are convolved
 * for nothing; real rows past the last window (stride remainder) give extra outputs
 * that are sliced off.
 */
export function filterGradAxis(ax: ConvAxis): AxisPlan {
  const span = (ax.outLen - 1) * ax.s; // extent of the dilated dy kernel, minus one
  const padAfter = Math.max(0, span + ax.k - ax.inLen - ax.before);
  const convOut = ax.inLen + ax.before + padAfter - span;
  return { padBefore: ax.before, padAfter, keepFrom: 0, keep: ax.k, convOut };
}

/** Input gradient along one axis: stride-1 conv of the zero-inserted dy with the flipped filter. */
export interface InputAxisPlan extends AxisPlan {
  /** zeros inserted before / after each dy element (sum = s - 1) */
  zerosBefore: number;
  zerosAfter: number;
}

/**
 * dx[i] = sum_a dyz[i + before - a] * w[a], with dyz the dy map with s - 1 zeros between
 * elements. As a correlation with the flipped filter that is a stride-1 conv whose padded
 * input holds dy[m] at row (k - 1 - before) + m * s. Zero insertion puts dy[m] at
 * m * s + zerosBefore, so the conv pad before is the difference; a negative pad (explicit
 * pads larger than the filter, or too little room after) is replaced by 0 and the extra
 * output rows it causes are sliced off.
 */
export function inputGradAxis(ax: ConvAxis): InputAxisPlan {
  const lead = ax.k - 1 - ax.before;
  const z = ax.s - 1;
  // Any zerosBefore in [lo, hi] makes both conv pads non-negative (no slice needed).
  const lo = lead + ax.outLen * ax.s - ax.inLen - ax.k + 1;
  const hi = lead;
  const zerosBefore = clamp(Math.max(lo, 0) <= Math.min(hi, z) ? Math.max(lo, 0) : lead, 0, z);
  const before = lead - zerosBefore;
  const after = ax.inLen + ax.k - 1 - before - ax.outLen * ax.s;
  const padBefore = Math.max(0, before);
  const padAfter = Math.max(0, after);
  const convOut = padBefore + ax.outLen * ax.s + padAfter - ax.k + 1;
  return {
    zerosBefore, zerosAfter: z - zerosBefore, padBefore, padAfter,
    keepFrom: Math.max(0, -before), keep: ax.inLen, convOut,
  };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** True when the plan's conv output is exactly the kept window. */
export function needsSlice(p: AxisPlan): boolean {
  return p.keepFrom !== 0 || p.convOut !== p.keep;
}
