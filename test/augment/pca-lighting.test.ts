import t, { type Test } from 'tap';
import { createStream } from '../../src/core/rng.js';
import { symmetricEigen3 } from '../../src/augment/eigen-3x3.js';
import {
  FB_RESNET_EIGVEC_MATRIX, IMAGENET_EIGENVALUES, IMAGENET_EIGENVECTORS, addShiftInPlace, computeEigenPairs,
  drawAlphas, imagenetLighting, lightingShiftRgb,
} from '../../src/augment/pca-lighting.js';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function assertOrthonormal(t: Test, vectors: ReadonlyArray<ArrayLike<number>>, tolerance: number): void {
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      t.ok(Math.abs(dot(vectors[i], vectors[j]) - (i === j ? 1 : 0)) < tolerance, `p${i}.p${j}`);
    }
  }
}

t.test('sigma 0 lighting is the identity', async (t) => {
  const s = createStream(1);
  const alphas = drawAlphas(s, 0);
  t.same(alphas.map(Math.abs), [0, 0, 0]);
  const shift = lightingShiftRgb({ ...imagenetLighting(0), alphas, pixelRange: 255 });
  const pixels = Float32Array.from([1, 2, 3, 250, 0, 128]);
  addShiftInPlace(pixels, shift);
  t.same([...pixels], [1, 2, 3, 250, 0, 128]);
});

t.test('a fixed alpha gives the hand-computed shift, in 0..255 units', async (t) => {
  const alphas = [0.1, -0.2, 0.3];
  const shift = lightingShiftRgb({ alphas, eigenvalues: IMAGENET_EIGENVALUES, eigenvectors: IMAGENET_EIGENVECTORS, pixelRange: 255 });
  // By hand: w = alpha .* lambda = [0.02175, -0.00376, 0.00135];
  // R = 255 * (0.02175*-0.5675 + -0.00376*0.7192 + 0.00135*0.4009) = 255 * -0.0145061 = -3.69906
  const w = [0.02175, -0.00376, 0.00135];
  const byHand = [
    255 * (w[0] * -0.5675 + w[1] * 0.7192 + w[2] * 0.4009),
    255 * (w[0] * -0.5808 + w[1] * -0.0045 + w[2] * -0.814),
    255 * (w[0] * -0.5836 + w[1] * -0.6948 + w[2] * 0.4203),
  ];
  for (let c = 0; c < 3; c++) t.ok(Math.abs(shift[c] - byHand[c]) < 1e-9, `channel ${c}: ${shift[c]}`);
  t.ok(Math.abs(shift[0] - -3.69906) < 1e-4, 'R about -3.70');
  const pixels = Float32Array.from([100, 100, 100]);
  addShiftInPlace(pixels, shift);
  for (let c = 0; c < 3; c++) t.ok(Math.abs(pixels[c] - (100 + byHand[c])) < 1e-4);
});

t.test("the ImageNet vectors follow fb.resnet.torch's rgb = eigvec * (alpha .* eigval)", async (t) => {
  const alphas = [0.7, -1.1, 2.3];
  const ours = lightingShiftRgb({ alphas, eigenvalues: IMAGENET_EIGENVALUES, eigenvectors: IMAGENET_EIGENVECTORS, pixelRange: 1 });
  const fb = FB_RESNET_EIGVEC_MATRIX.map((row) => row.reduce((acc, v, j) => acc + v * alphas[j] * IMAGENET_EIGENVALUES[j], 0));
  for (let c = 0; c < 3; c++) t.ok(Math.abs(ours[c] - fb[c]) < 1e-12);
  t.ok(IMAGENET_EIGENVECTORS[0].every((v) => Math.abs(v + 0.577) < 0.01), 'p1 is the brightness direction');
  assertOrthonormal(t, IMAGENET_EIGENVECTORS, 2e-4);
});

t.test('Jacobi recovers eigen-pairs of random symmetric matrices', async (t) => {
  const s = createStream(8);
  for (let trial = 0; trial < 20; trial++) {
    const r = () => s.normal();
    const [a, b, c, d, e, f] = [r(), r(), r(), r(), r(), r()];
    const m = [[a, b, c], [b, d, e], [c, e, f]];
    const { eigenvalues, eigenvectors } = symmetricEigen3(m);
    t.ok(eigenvalues[0] >= eigenvalues[1] && eigenvalues[1] >= eigenvalues[2], 'descending');
    t.ok(Math.abs(eigenvalues[0] + eigenvalues[1] + eigenvalues[2] - (a + d + f)) < 1e-9, 'trace kept');
    let residual = 0;
    eigenvectors.forEach((v, i) => m.forEach((row, k) => (residual = Math.max(residual, Math.abs(dot(row, v) - eigenvalues[i] * v[k])))));
    t.ok(residual < 1e-9, `A p = lambda p (${residual})`);
    assertOrthonormal(t, eigenvectors, 1e-9);
  }
  t.same(symmetricEigen3([[3, 0, 0], [0, 1, 0], [0, 0, 2]]).eigenvalues, [3, 2, 1], 'diagonal input');
});

t.test('computeEigenPairs recovers a known colour direction', async (t) => {
  // Pixels along one colour direction d plus tiny jitter: the top eigenvector is d and its
  // eigenvalue the variance along d (in [0, 1] units).
  const d = [2, 1, -2].map((v) => v / 3);
  const s = createStream(3);
  const count = 40;
  const pixels = 64;
  const images = new Uint8Array(count * pixels * 3);
  for (let i = 0; i < count * pixels; i++) {
    const step = s.normal() * 40;
    for (let c = 0; c < 3; c++) images[i * 3 + c] = Math.max(0, Math.min(255, Math.round(128 + step * d[c])));
  }
  const split = { images, labels: new Int32Array(count), count };
  const stats = computeEigenPairs(split);
  t.equal(stats.pixels, count * pixels);
  t.ok(Math.abs(Math.abs(dot(stats.eigenvectors[0], d)) - 1) < 1e-3, `p1 along d (${stats.eigenvectors[0]})`);
  const along = Array.from({ length: count * pixels }, (_, i) => dot([0, 1, 2].map((c) => images[i * 3 + c] / 255), d));
  const m = along.reduce((a, b) => a + b, 0) / along.length;
  const variance = along.reduce((a, b) => a + (b - m) ** 2, 0) / along.length;
  t.ok(Math.abs(stats.eigenvalues[0] - variance) < 1e-3 * variance, `lambda1 ${stats.eigenvalues[0]} ~ ${variance}`);
  t.ok(stats.eigenvalues[1] < 1e-2 * stats.eigenvalues[0], 'the rest is rounding noise');
  assertOrthonormal(t, stats.eigenvectors, 1e-9);
  const sampled = computeEigenPairs(split, 16);
  t.equal(sampled.pixels, count * 16, 'subsampling takes pixelsPerImage per image');
  t.ok(Math.abs(Math.abs(dot(sampled.eigenvectors[0], d)) - 1) < 1e-2);
});
