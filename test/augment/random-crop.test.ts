import t from 'tap';
import { createStream } from '../../src/core/rng.js';
import { centreCropOffsets, copyCrop, randomCropOffsets } from '../../src/augment/random-crop.js';
import { drawFlip, flipHorizontalInPlace } from '../../src/augment/flip.js';
import { maxAbsDiff, naiveCrop, randomBytes, randomMean } from './fixtures/images.js';

t.test('crop offsets are in range, cover every position and are seeded', async (t) => {
  const size = { heightPx: 9, widthPx: 7 };
  const s = createStream(11);
  const seen = new Set<string>();
  let outOfRange = 0;
  for (let i = 0; i < 2000; i++) {
    const { topPx, leftPx } = randomCropOffsets(size, 5, s);
    if (!(topPx >= 0 && topPx <= 4 && leftPx >= 0 && leftPx <= 2)) outOfRange++;
    seen.add(`${topPx},${leftPx}`);
  }
  t.equal(outOfRange, 0, 'every offset in range');
  t.equal(seen.size, 5 * 3, 'all 15 positions drawn');
  const a = createStream(5);
  const b = createStream(5);
  const c = createStream(6);
  const draw = (st: typeof a) => Array.from({ length: 20 }, () => randomCropOffsets(size, 5, st));
  const first = draw(a);
  t.same(draw(b), first, 'same seed, same offsets');
  t.notSame(draw(c), first, 'another seed, other offsets');
  t.same(randomCropOffsets({ heightPx: 5, widthPx: 5 }, 5, createStream(1)), { topPx: 0, leftPx: 0 });
  t.throws(() => randomCropOffsets(size, 8, s), RangeError);
});

t.test('centre offsets round down like the evaluation batches', async (t) => {
  t.same(centreCropOffsets({ heightPx: 256, widthPx: 256 }, 224), { topPx: 16, leftPx: 16 });
  t.same(centreCropOffsets({ heightPx: 8, widthPx: 7 }, 4), { topPx: 2, leftPx: 1 });
});

t.test('crop copy with flip, mean, scale and shift equals the naive reference', async (t) => {
  const widthPx = 9;
  const heightPx = 7;
  const bytes = widthPx * heightPx * 3;
  const images = randomBytes(bytes * 3, 1);
  const mean = randomMean(bytes, 2);
  for (const flip of [false, true]) {
    for (const [top, left, size] of [
      [0, 0, 5],
      [2, 4, 5],
      [1, 3, 4],
    ]) {
      const shift = [1.5, -2, 0.25];
      const scale = 0.5;
      const dst = new Float32Array(10 + size * size * 3).fill(NaN);
      copyCrop({
        source: images, sourceOffset: 2 * bytes, widthPx, meanImage: mean, crop: { topPx: top, leftPx: left },
        cropSizePx: size, flip, pixelScale: scale, shiftRgb: shift, destination: dst, destinationOffset: 10,
      });
      const want = naiveCrop({ image: images, offset: 2 * bytes, mean, widthPx, top, left, size, flip, scale, shift });
      t.ok(maxAbsDiff(dst.subarray(10), want) < 1e-4, `flip=${flip} at ${top},${left} size ${size}`);
      t.ok(dst.subarray(0, 10).every(Number.isNaN), 'nothing written before the offset');
    }
  }
});

t.test('mean subtraction and pixelScale are applied', async (t) => {
  const image = Uint8Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120]);
  const mean = new Float32Array(12).fill(5);
  const dst = new Float32Array(12);
  const base = { source: image, sourceOffset: 0, widthPx: 2, meanImage: mean, crop: { topPx: 0, leftPx: 0 }, cropSizePx: 2, destination: dst, destinationOffset: 0 };
  copyCrop({ ...base, flip: false, pixelScale: 2 });
  t.same([...dst], [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120].map((v) => (v - 5) * 2));
  copyCrop({ ...base, flip: true, pixelScale: 1 });
  t.same([...dst], [40, 50, 60, 10, 20, 30, 100, 110, 120, 70, 80, 90].map((v) => v - 5), 'flip swaps pixels, not channels');
});

t.test('flipping twice is the identity; flips are fair and seeded', async (t) => {
  const dims = { heightPx: 5, widthPx: 7, channels: 3 };
  const pixels = Float32Array.from(randomBytes(5 * 7 * 3, 3));
  const copy = pixels.slice();
  flipHorizontalInPlace(pixels, dims);
  t.notSame([...pixels], [...copy]);
  t.equal(pixels[0], copy[6 * 3], 'first pixel now holds the last of the row');
  flipHorizontalInPlace(pixels, dims);
  t.same([...pixels], [...copy]);
  const s = createStream(9);
  let heads = 0;
  for (let i = 0; i < 4000; i++) heads += drawFlip(s) ? 1 : 0;
  t.ok(Math.abs(heads - 2000) < 200, `about half flipped (${heads})`);
  const a = createStream(4);
  const b = createStream(4);
  t.same(Array.from({ length: 30 }, () => drawFlip(a)), Array.from({ length: 30 }, () => drawFlip(b)));
});
