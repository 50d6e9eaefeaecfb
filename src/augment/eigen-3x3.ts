/**
 * Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations: the RGB
 * covariance behind the paper's PCA lighting (section 4.1) is 3x3, so a dependency-free
 * routine that converges in a handful of sweeps is all that is needed.
 */

export type Vec3 = [number, number, number];
export type Mat3 = [Vec3, Vec3, Vec3];

export interface EigenPairs3 {
  /** Descending. */
  eigenvalues: Vec3;
  /** eigenvectors[i] is the unit eigenvector of eigenvalues[i] (one vector per entry). */
  eigenvectors: Mat3;
}

const MAX_SWEEPS = 64;

function offDiagonalSquared(a: number[][]): number {
  return a[0][1] ** 2 + a[0][2] ** 2 + a[1][2] ** 2;
}

/** A <- J^T A J and V <- V J for the Jacobi rotation that zeroes a[p][q]. */
function rotate(a: number[][], v: number[][], p: number, q: number): void {
  const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
  const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < 3; k++) {
    const akp = a[k][p];
    const akq = a[k][q];
    a[k][p] = c * akp - s * akq;
    a[k][q] = s * akp + c * akq;
  }
  for (let k = 0; k < 3; k++) {
    const apk = a[p][k];
    const aqk = a[q][k];
    a[p][k] = c * apk - s * aqk;
    a[q][k] = s * apk + c * aqk;
  }
  for (let k = 0; k < 3; k++) {
    const vkp = v[k][p];
    const vkq = v[k][q];
    v[k][p] = c * vkp - s * vkq;
    v[k][q] = s * vkp + c * vkq;
  }
}

/**
 * The sign of an eigenvector is arbitrary (and PCA lighting is symmetric in alpha); fix it
 * so results are reproducible: the largest-magnitude component is positive.
 */
function canonicalSign(vector: Vec3): Vec3 {
  let largest = 0;
  for (let i = 1; i < 3; i++) if (Math.abs(vector[i]) > Math.abs(vector[largest])) largest = i;
  return vector[largest] < 0 ? [-vector[0], -vector[1], -vector[2]] : vector;
}

/** Eigen-pairs of a symmetric 3x3 matrix, sorted by eigenvalue, largest first. */
export function symmetricEigen3(matrix: ReadonlyArray<ReadonlyArray<number>>): EigenPairs3 {
  const a = matrix.map((row) => [...row]);
  const v = [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ];
  const scale = a[0][0] ** 2 + a[1][1] ** 2 + a[2][2] ** 2 + offDiagonalSquared(a);
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalSquared(a) > 1e-30 * scale; sweep++) {
    for (const [p, q] of [
      [0, 1],
      [0, 2],
      [1, 2],
    ]) {
      if (a[p][q] !== 0) rotate(a, v, p, q);
    }
  }
  const order = [0, 1, 2].sort((i, j) => a[j][j] - a[i][i]);
  return {
    eigenvalues: order.map((i) => a[i][i]) as Vec3,
    eigenvectors: order.map((i) => canonicalSign([v[0][i], v[1][i], v[2][i]])) as Mat3,
  };
}
