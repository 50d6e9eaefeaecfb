import t from 'tap';
import {
  augmentBatch, centreBatch, epochKeys, imageAugmentation, tenCropBatch, type AugmentConfig,
} from '../../src/augment/pipeline.js';
import { imagenetLighting } from '../../src/augment/pca-lighting.js';
import { maxAbsDiff, naiveCrop, randomBytes, randomMean } from './fixtures/images.js';

const dims = { height: 12, width: 10 };
const inputSize = 8;
const imageBytes = dims.height * dims.width * 3;
const count = 6;
const split = { images: randomBytes(count * imageBytes, 31), labels: new Int32Array(count), count };
const meanImage = randomMean(imageBytes, 32);
const full: AugmentConfig = { crop: inputSize, flip: true, lighting: imagenetLighting(0.1) };
const base = { split, dims, meanImage, pixelScale: 1, inputSize };
const patchFloats = inputSize * inputSize * 3;

t.test('augmentBatch is the same whatever order or batching computes it', async (t) => {
  const indices = [5, 0, 3, 3, 1, 4, 2];
  const keys = epochKeys(2, 100, indices.length);
  const whole = augmentBatch({ ...base, indices, keys, config: full, seed: 77 });
  t.same([...whole], [...augmentBatch({ ...base, indices, keys, config: full, seed: 77 })], 'repeatable');
  const reversed = augmentBatch({ ...base, indices: [...indices].reverse(), keys: [...keys].reverse(), config: full, seed: 77 });
  for (let b = 0; b < indices.length; b++) {
    const r = indices.length - 1 - b;
    t.same([...whole.subarray(b * patchFloats, (b + 1) * patchFloats)], [...reversed.subarray(r * patchFloats, (r + 1) * patchFloats)], `image ${b}`);
  }
  const tail = augmentBatch({ ...base, indices: indices.slice(4), keys: epochKeys(2, 104, 3), config: full, seed: 77 });
  t.same([...tail], [...whole.subarray(4 * patchFloats)], 'a later batch alone equals its slice of the whole');
  t.notSame([...whole.subarray(2 * patchFloats, 3 * patchFloats)], [...whole.subarray(3 * patchFloats, 4 * patchFloats)], 'same image at two positions differs');
  t.ok(maxAbsDiff(whole, augmentBatch({ ...base, indices, keys, config: full, seed: 78 })) > 1, 'another seed differs');
  t.ok(maxAbsDiff(whole, augmentBatch({ ...base, indices, keys: epochKeys(3, 100, 7), config: full, seed: 77 })) > 1, 'another epoch differs');
});

t.test('each image is its key\'s crop, flip and lighting applied to the source', async (t) => {
  const indices = [1, 2, 4, 0];
  const keys = epochKeys(0, 0, 4);
  const out = augmentBatch({ ...base, pixelScale: 0.5, indices, keys, config: full, seed: 5 });
  let flips = 0;
  for (let b = 0; b < indices.length; b++) {
    const a = imageAugmentation({ seed: 5, key: keys[b], config: full, dims, inputSize });
    flips += a.flip ? 1 : 0;
    t.ok(a.shiftRgb.some((v) => v !== 0), 'lighting shift drawn');
    const want = naiveCrop({
      image: split.images, offset: indices[b] * imageBytes, mean: meanImage, widthPx: dims.width, top: a.crop.topPx,
      left: a.crop.leftPx, size: inputSize, flip: a.flip, scale: 0.5, shift: [...a.shiftRgb],
    });
    t.ok(maxAbsDiff(out.subarray(b * patchFloats, (b + 1) * patchFloats), want) < 1e-4, `image ${b}`);
  }
  t.ok(flips > 0 && flips < 4, `seed 5 mirrors some of the images and not others (${flips} of 4)`);
});

t.test('switching one augmentation off keeps the others\' draws', async (t) => {
  const key = [1, 9];
  const all = imageAugmentation({ seed: 3, key, config: full, dims, inputSize });
  const noLight = imageAugmentation({ seed: 3, key, config: { ...full, lighting: null }, dims, inputSize });
  t.same(noLight.crop, all.crop);
  t.equal(noLight.flip, all.flip);
  t.same(noLight.shiftRgb, [0, 0, 0]);
  const noCrop = imageAugmentation({ seed: 3, key, config: { ...full, crop: null }, dims, inputSize });
  t.same(noCrop.crop, { topPx: 2, leftPx: 1 }, 'centre crop');
  t.same(noCrop.shiftRgb, all.shiftRgb);
  t.equal(imageAugmentation({ seed: 3, key, config: { ...full, flip: false }, dims, inputSize }).flip, false);
  t.throws(() => imageAugmentation({ seed: 3, key, config: { ...full, crop: 6 }, dims, inputSize }), RangeError);
});

t.test('no augmentation equals the centre batch', async (t) => {
  const indices = [0, 5, 2];
  const plain = augmentBatch({ ...base, indices, keys: epochKeys(0, 0, 3), config: { crop: null, flip: false, lighting: null }, seed: 1 });
  const centre = centreBatch({ ...base, indices });
  t.same([...plain], [...centre]);
  const want = naiveCrop({ image: split.images, offset: 5 * imageBytes, mean: meanImage, widthPx: dims.width, top: 2, left: 1, size: inputSize, flip: false, scale: 1 });
  t.ok(maxAbsDiff(centre.subarray(patchFloats, 2 * patchFloats), want) < 1e-4);
});

t.test('tenCropBatch puts image b\'s ten patches at rows 10b..10b+9', async (t) => {
  const indices = [3, 1];
  const out = tenCropBatch({ ...base, indices });
  t.equal(out.length, 20 * patchFloats);
  const centre = centreBatch({ ...base, indices });
  for (let b = 0; b < 2; b++) {
    const row = (10 * b + 4) * patchFloats;
    t.same([...out.subarray(row, row + patchFloats)], [...centre.subarray(b * patchFloats, (b + 1) * patchFloats)], `patch 4 of image ${b} is its centre crop`);
  }
  const reuse = new Float32Array(20 * patchFloats);
  t.equal(tenCropBatch({ ...base, indices, out: reuse }), reuse, 'writes into a given buffer');
  t.throws(() => tenCropBatch({ ...base, indices, out: new Float32Array(3) }), RangeError);
});
