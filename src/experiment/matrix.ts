/**
 * Matrix expansion: the cartesian product of each grid's axes, in a fixed order (axes in
 * MatrixSpec's declaration order, values in file order; the first axis varies slowest;
 * grids in file order), so the same file always gives the same runs in the same order
 * with the same labels.
 */
import type { MatrixGrids, MatrixSpec } from './types.js';

/** MatrixSpec's keys in declaration order: this order names and orders the variants. */
export const MATRIX_AXES = [
  'variant',
  'activation',
  'normalization',
  'lrn',
  'towers',
  'dropout',
  'pooling',
  'randomCrop',
  'flip',
  'lighting',
  'widthFactor',
  'initStd',
  'learningRate',
  'weightDecay',
  'earlyStopping',
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
  /** "activation=tanh,normalization=none" over every axis any grid names; "base" without a matrix. */
  label: string;
  /** The values this point's own grid sets: what resolution applies over the base spec. */
  axes: AxisValues;
  /**
   * Every axis any grid names, with this point's effective value (its grid's, else the
   * base's): what the run records, so that runs of different grids pair on the same axes.
   */
  recorded: AxisValues;
  /** The index of each value in its grid's axis list, for pointers such as /matrix/towers/1. */
  indices: { [K in MatrixAxis]?: number };
  /** Where the point's grid is in the file: "/matrix" for one grid, "/matrix/<i>" in a list. */
  gridPointer: string;
}

/**
 * The effective value of an axis that a point's grid does not set, written as a grid would
 * write it (e.g. activation "relu" where the base leaves it to the variant). `own` is what
 * the point's grid sets (its variant decides the model defaults).
 */
export type BaseAxisValue = (axis: MatrixAxis, own: AxisValues) => AxisValues[MatrixAxis];

export const BASE_LABEL = 'base';

/** Axes whose true/false read "on"/"off" in labels (earlyStopping's only boolean is false). */
const SWITCH_AXES: ReadonlySet<MatrixAxis> = new Set(['randomCrop', 'flip', 'lighting', 'earlyStopping']);

/** A short, stable text for an axis value: the switches' true/false read "on"/"off". */
export function formatAxisValue(axis: MatrixAxis, value: unknown): string {
  if (SWITCH_AXES.has(axis) && typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'object' && value !== null) {
    // Keys sorted so that {k, n} and {n, k} label alike; ";" because "," separates axes.
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${k}:${String(v)}`).join(';')}}`;
  }
  return String(value);
}

/** The grids of a matrix with their pointers; a single grid object is "/matrix" itself. */
export function matrixGrids(matrix: MatrixSpec | MatrixGrids | undefined): Array<{ grid: MatrixSpec; pointer: string }> {
  if (matrix === undefined) return [];
  if (!Array.isArray(matrix)) return [{ grid: matrix, pointer: '/matrix' }];
  return matrix.map((grid, i) => ({ grid, pointer: `/matrix/${i}` }));
}

/** The pointer of the value a point takes on `axis` (/matrix/1/towers/0), or undefined when its grid does not set it. */
export function axisPointer(point: MatrixPoint, axis: MatrixAxis): string | undefined {
  const i = point.indices[axis];
  return i === undefined ? undefined : `${point.gridPointer}/${axis}/${i}`;
}

function axisValues(grid: MatrixSpec, axis: MatrixAxis): readonly unknown[] {
  return (grid[axis] as readonly unknown[] | undefined) ?? [];
}

type GridPoint = Pick<MatrixPoint, 'axes' | 'indices'>;

function expandGrid(grid: MatrixSpec): GridPoint[] {
  let points: GridPoint[] = [{ axes: {}, indices: {} }];
  for (const axis of MATRIX_AXES) {
    const values = axisValues(grid, axis);
    if (values.length === 0) continue;
    points = points.flatMap((p) =>
      values.map((value, i) => ({ axes: { ...p.axes, [axis]: value }, indices: { ...p.indices, [axis]: i } })),
    );
  }
  return points;
}

/**
 * Every point of every grid, in grid order. Labels and recorded values cover every axis
 * any grid names: with one grid those are its own axes, so its labels are its values alone.
 */
export function expandMatrix(matrix: MatrixSpec | MatrixGrids | undefined, baseValue: BaseAxisValue): MatrixPoint[] {
  const grids = matrixGrids(matrix);
  const named = MATRIX_AXES.filter((axis) => grids.some(({ grid }) => axisValues(grid, axis).length > 0));
  const points = grids.length
    ? grids.flatMap(({ grid, pointer }) => expandGrid(grid).map((p) => ({ ...p, gridPointer: pointer })))
    : [{ axes: {}, indices: {}, gridPointer: '/matrix' }];
  return points.map((p) => {
    const recorded: AxisValues = Object.fromEntries(
      named.map((axis) => [axis, p.indices[axis] !== undefined ? p.axes[axis] : baseValue(axis, p.axes)]),
    );
    const label = named.map((axis) => `${axis}=${formatAxisValue(axis, recorded[axis])}`).join(',');
    return { ...p, recorded, label: label || BASE_LABEL };
  });
}
