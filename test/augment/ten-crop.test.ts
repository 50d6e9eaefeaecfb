import t from 'tap';
import { tenCropPatches, writeTenCrops } from '../../src/augment/ten-crop.js';
import { maxAbsDiff, naiveCrop, randomBytes, randomMean } from './fixtures/images.js';

t.test('ten patches: four corners, the centre, then their mirror images', async (t) => {
  const patches = tenCropPatches({ heightPx: 256, widthPx: 256 }, 224);
  t.same(patches, [
    { topPx: 0, leftPx: 0, flip: false },
    { topPx: 0, leftPx: 32, flip: false },
    { topPx: 32, leftPx: 0, flip: false },
    { topPx: 32, leftPx: 32, flip: false },
    { topPx: 16, leftPx: 16, flip: false },
    { topPx: 0, leftPx: 0, flip: true },
    { topPx: 0, leftPx: 32, flip: true },
    { topPx: 32, leftPx: 0, flip: true },
    { topPx: 32, leftPx: 32, flip: true },
    { topPx: 16, leftPx: 16, flip: true },
  ]);
});

t.test('writeTenCrops writes exactly those ten patches, mean-subtracted and scaled', async (t) => {
  const widthPx = 8;
  const heightPx = 6;
  const size = 4;
  const image = randomBytes(widthPx * heightPx * 3, 21);
  const mean = randomMean(widthPx * heightPx * 3, 22);
  const patchFloats = size * size * 3;
  const dst = new Float32Array(10 * patchFloats + 3);
  writeTenCrops({ source: image, sourceOffset: 0, size: { heightPx, widthPx }, meanImage: mean, cropSizePx: size, pixelScale: 0.25, destination: dst, destinationOffset: 3 });
  const corners = [[0, 0], [0, 4], [2, 0], [2, 4], [1, 2]];
  for (let k = 0; k < 10; k++) {
    const [top, left] = corners[k % 5];
    const want = naiveCrop({ image, offset: 0, mean, widthPx, top, left, size, flip: k >= 5, scale: 0.25 });
    t.ok(maxAbsDiff(dst.subarray(3 + k * patchFloats, 3 + (k + 1) * patchFloats), want) < 1e-5, `patch ${k}`);
  }
  // Patch k + 5 is patch k mirrored: its first pixel is patch k's last pixel of row 0.
  t.same([...dst.subarray(3 + 5 * patchFloats, 3 + 5 * patchFloats + 3)], [...dst.subarray(3 + (size - 1) * 3, 3 + size * 3)]);
});
