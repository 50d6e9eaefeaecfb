import t from 'tap';
import { syntheticDataset } from '../../src/data/synthetic.js';

const opts = { classes: 4, imageSize: 16, trainSize: 40, valSize: 12, noise: 0.5, dataSeed: 3 };

t.test('the synthetic set is seeded, balanced and colour', async (t) => {
  const a = syntheticDataset(opts);
  const b = syntheticDataset(opts);
  t.equal(a.fingerprint, b.fingerprint, 'same data seed, same bytes');
  t.not(syntheticDataset({ ...opts, dataSeed: 4 }).fingerprint, a.fingerprint, 'another seed, other data');
  t.equal(a.train.images.length, 40 * 16 * 16 * 3);
  t.equal(a.val.count, 12);
  const counts = [0, 0, 0, 0];
  for (const l of a.train.labels) counts[l]++;
  t.same(counts, [10, 10, 10, 10]);
  t.equal(a.meanImage.length, 16 * 16 * 3);
  let differ = 0;
  for (let p = 0; p < 16 * 16; p++) if (a.train.images[p * 3] !== a.train.images[p * 3 + 1]) differ++;
  t.ok(differ > 0, 'channels differ: colour images');
});

t.test('classes differ in structure: mean class images are far apart', async (t) => {
  const d = syntheticDataset({ ...opts, noise: 0 });
  const pixels = 16 * 16 * 3;
  // Images of one class differ by phase, so compare power spectra roughly: the mean absolute
  // horizontal gradient vs vertical gradient differs between orientations.
  const gradientRatio = (cls: number) => {
    let gx = 0;
    let gy = 0;
    for (let i = 0; i < d.train.count; i++) {
      if (d.train.labels[i] !== cls) continue;
      const o = i * pixels;
      for (let y = 0; y < 15; y++) {
        for (let x = 0; x < 15; x++) {
          const p = o + (y * 16 + x) * 3;
          gx += Math.abs(d.train.images[p + 3] - d.train.images[p]);
          gy += Math.abs(d.train.images[p + 48] - d.train.images[p]);
        }
      }
    }
    return gx / gy;
  };
  const ratios = [0, 1, 2, 3].map(gradientRatio);
  t.ok(Math.max(...ratios) / Math.min(...ratios) > 1.5, `orientation differs between classes: ${ratios.map((r) => r.toFixed(2))}`);
});

t.test('a holdout: more images from their own stream; training and val images unchanged', async (t) => {
  const without = syntheticDataset(opts);
  const withHoldout = syntheticDataset({ ...opts, holdout: 8 });
  t.equal(withHoldout.holdout!.count, 8);
  t.equal(without.holdout, undefined);
  t.same(withHoldout.train.images, without.train.images, 'the training images do not move');
  t.same(withHoldout.val.images, without.val.images, 'nor do the validation images');
  t.same(withHoldout.meanImage, without.meanImage);
  t.same(Array.from(withHoldout.holdout!.labels).sort(), [0, 0, 1, 1, 2, 2, 3, 3], 'balanced like the other splits');
  t.not(withHoldout.fingerprint, without.fingerprint, 'the fingerprint covers the holdout');
  t.equal(syntheticDataset({ ...opts, holdout: null }).fingerprint, without.fingerprint, 'none: the fingerprint as without');
  const pixels = 16 * 16 * 3;
  const images = (split: { images: Uint8Array; count: number }) =>
    Array.from({ length: split.count }, (_, i) => Buffer.from(split.images.subarray(i * pixels, (i + 1) * pixels)).toString('hex'));
  const trained = new Set(images(withHoldout.train));
  t.notOk(images(withHoldout.holdout!).some((image) => trained.has(image)), 'no holdout image is a training image');
});
