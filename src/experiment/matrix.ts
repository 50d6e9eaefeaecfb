/**
 * Matrix expansion: the cartesian product of the declared axes, in a fixed order (axes in
 * MatrixSpec's declaration order, values in file order; the first axis varies slowest),
 * so the same file always gives the same runs in the same order with the same labels.
 */
import type { MatrixSpec } from './types.js';

/** MatrixSpec's keys in declaration order: this order names and orders the variants. */
export const MATRIX_AXES = [
  'variant',
  'activation',
  'normalization',
  'lrn',
  'towers',
  'dropout',
  'pooling',
  'flip',
  'lighting',
  'widthFactor',
  'learningRate',
  'batchSize',
] as const satisfies ReadonlyArray<keyof MatrixSpec>;

export type MatrixAxis = (typeof MATRIX_AXES)[number];

// Compile-time guard: a key added to MatrixSpec but not to MATRIX_AXES would otherwise be
// accepted by the schema and silently ignored by the expansion.
type UnlistedAxis = Exclude<keyof MatrixSpec, MatrixAxis>;
const everyAxisListed: [UnlistedAxis] extends [never] ? true : UnlistedAxis = true;
void everyAxisListed;

export type AxisValues = { [K in MatrixAxis]?: NonNullable<MatrixSpec[K]>[number] };

/** One combination of axis values. */
export interface MatrixPoint {
  /** "activation=tanh,normalization=none"; "base" without a matrix. */
  label: string;
  /** The value each present axis takes here (JSON: the run records it). */
  axes: AxisValues;
  /** The index of that value in its axis list, for pointers such as /matrix/towers/1. */
  indices: { [K in MatrixAxis]?: number };
}

export const BASE_LABEL = 'base';

/** A short, stable text for an axis value: flip and lighting true/false read "on"/"off". */
export function formatAxisValue(axis: MatrixAxis, value: unknown): string {
  if ((axis === 'flip' || axis === 'lighting') && typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'object' && value !== null) {
    // Keys sorted so that {k, n} and {n, k} label alike; ";" because "," separates axes.
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${k}:${String(v)}`).join(';')}}`;
  }
  return String(value);
}

export function expandMatrix(matrix: MatrixSpec | undefined): MatrixPoint[] {
  let points: MatrixPoint[] = [{ label: '', axes: {}, indices: {} }];
  for (const axis of MATRIX_AXES) {
    const values = matrix?.[axis] as readonly unknown[] | undefined;
    if (!values || values.length === 0) continue;
    points = points.flatMap((p) =>
      values.map((value, i) => ({
        label: `${p.label}${p.label ? ',' : ''}${axis}=${formatAxisValue(axis, value)}`,
        axes: { ...p.axes, [axis]: value },
        indices: { ...p.indices, [axis]: i },
      })),
    );
  }
  return points.map((p) => (p.label ? p : { ...p, label: BASE_LABEL }));
}
