import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { loadFashionMnist } from '../../src/data/fashion-mnist.js';
import { fingerprintFiles } from '../../src/data/fingerprint.js';
import { greyToRgb } from '../../src/data/grey-to-rgb.js';
import { parseIdx } from '../../src/data/idx.js';
import { inputError } from '../helpers/errors.js';
import { skipWithout } from '../helpers/optional-packages.js';

/** An IDX ubyte file: 00 00 08 ndims, big-endian dims, data. */
function idx(dims: number[], data: ArrayLike<number>): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header[2] = 0x08;
  header[3] = dims.length;
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Array.from(data))]);
}

/** `count` 28x28 images where image i has pixel p = (i * 7 + p) % 256, so every byte is predictable. */
function images(count: number): Buffer {
  const data = new Uint8Array(count * 784);
  for (let i = 0; i < count; i++) for (let p = 0; p < 784; p++) data[i * 784 + p] = (i * 7 + p) % 256;
  return idx([count, 28, 28], data);
}

function labels(values: number[]): Buffer {
  return idx([values.length], values);
}

/** A folder of the four files; gz picks gzipped names, and `override` replaces single files. */
function fmnistFiles(opts: { gz: boolean; override?: Record<string, Buffer> }): Record<string, Buffer> {
  const files: Record<string, Buffer> = {
    'train-images-idx3-ubyte': images(4),
    'train-labels-idx1-ubyte': labels([0, 9, 3, 3]),
    't10k-images-idx3-ubyte': images(2),
    't10k-labels-idx1-ubyte': labels([5, 1]),
    ...opts.override,
  };
  if (!opts.gz) return files;
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${k}.gz`, gzipSync(v)]));
}

t.test('parseIdx reads plain and gzipped files alike', async (t) => {
  const plain = idx([2, 3], [1, 2, 3, 4, 5, 6]);
  for (const bytes of [plain, gzipSync(plain)]) {
    const a = parseIdx(bytes, 'x');
    t.same(a.dims, [2, 3]);
    t.same(Array.from(a.data), [1, 2, 3, 4, 5, 6]);
  }
});

t.test('parseIdx rejects bad files with the file name', async (t) => {
  const good = idx([2, 3], [1, 2, 3, 4, 5, 6]);
  let msg = await inputError(t, () => parseIdx(good.subarray(0, good.length - 2), '/d/a-idx'));
  t.match(msg, /^\/d\/a-idx: header declares 2x3 = 6 data bytes but the file holds 4; /);
  msg = await inputError(t, () => parseIdx(gzipSync(good).subarray(0, 15), '/d/b.gz'));
  t.match(msg, /^\/d\/b\.gz: cannot decompress gzip data/);
  msg = await inputError(t, () => parseIdx(Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), '/d/c'));
  t.match(msg, /^\/d\/c: not an IDX file \(starts with 50 4b 03 04/);
  const floats = Buffer.from(good);
  floats[2] = 0x0d;
  t.match(await inputError(t, () => parseIdx(floats, '/d/e')), /^\/d\/e: IDX data type 0x0d is not supported/);
  t.match(await inputError(t, () => parseIdx(Buffer.from([0, 0]), '/d/f')), /^\/d\/f: 2 bytes is too short/);
});

t.test('greyToRgb repeats each grey value in three channels', async (t) => {
  t.same(Array.from(greyToRgb(Uint8Array.from([7, 200]))), [7, 7, 7, 200, 200, 200]);
});

t.test('loads gz and plain folders: grey as RGB, labels, test set as val, mean image', async (t) => {
  for (const gz of [true, false]) {
    const d = loadFashionMnist({ path: t.testdir(fmnistFiles({ gz })) });
    t.equal(d.classes, 10);
    t.equal(d.channels, 3);
    t.equal(d.train.count, 4);
    t.equal(d.val.count, 2);
    t.same(Array.from(d.train.labels), [0, 9, 3, 3]);
    t.same(Array.from(d.val.labels), [5, 1]);
    t.equal(d.train.images.length, 4 * 784 * 3);
    // Image 1, pixel 10 (row 0, column 10) is (7 + 10) = 17 in all three channels.
    const o = (1 * 784 + 10) * 3;
    t.same(Array.from(d.train.images.subarray(o, o + 3)), [17, 17, 17]);
    // Mean of pixel 0 over the 4 training images: (0 + 7 + 14 + 21) / 4.
    t.equal(d.meanImage.length, 784 * 3);
    t.equal(d.meanImage[0], 10.5);
    t.equal(d.meanImage[2], 10.5);
  }
});

t.test('limits take the first N and change the fingerprint', async (t) => {
  const path = t.testdir(fmnistFiles({ gz: true }));
  const full = loadFashionMnist({ path });
  const cut = loadFashionMnist({ path, trainLimit: 2, valLimit: 1 });
  t.same(Array.from(cut.train.labels), [0, 9]);
  t.same(Array.from(cut.train.images), Array.from(full.train.images.subarray(0, 2 * 784 * 3)));
  t.equal(cut.val.count, 1);
  t.not(cut.fingerprint, full.fingerprint, 'another part of the files, another fingerprint');
  t.match(await inputError(t, () => loadFashionMnist({ path, trainLimit: 5 })), /^dataset\.trainLimit: 5 is more than the 4 images in .*train-images-idx3-ubyte\.gz/);
  t.match(await inputError(t, () => loadFashionMnist({ path, valLimit: 0 })), /^dataset\.valLimit: 0 is not allowed/);
});

t.test('a holdout: the training images after the first trainLimit, or the last ones; never trained on', async (t) => {
  const path = t.testdir(fmnistFiles({ gz: true }));
  const full = loadFashionMnist({ path });
  const pixels = 784 * 3;
  const image = (i: number) => Array.from(full.train.images.subarray(i * pixels, (i + 1) * pixels));
  const after = loadFashionMnist({ path, trainLimit: 2, holdout: 1 });
  t.same(Array.from(after.train.labels), [0, 9], 'trained on the first 2');
  t.same(Array.from(after.holdout!.labels), [3], 'the holdout is the one right after them');
  t.same(Array.from(after.holdout!.images), image(2));
  const last = loadFashionMnist({ path, holdout: 1 });
  t.equal(last.train.count, 3, 'without trainLimit every image before the holdout is trained on');
  t.same(Array.from(last.holdout!.images), image(3), 'the last image is held out');
  t.same(Array.from(last.train.images), [0, 1, 2].flatMap(image));
  // Mean of pixel 0 over the 3 images trained on: (0 + 7 + 14) / 3; the held-out 21 is not in it.
  t.equal(last.meanImage[0], 7, 'the mean image is of the images trained on');
  t.equal(full.holdout, undefined, 'no holdout unless asked for');
  const prints = new Set([full, after, last, loadFashionMnist({ path, trainLimit: 2 })].map((d) => d.fingerprint));
  t.equal(prints.size, 4, 'the holdout is part of the fingerprint');
  t.match(await inputError(t, () => loadFashionMnist({ path, holdout: 4 })), /^dataset\.holdout: 4 leaves none of the 4 training images in .*train-images-idx3-ubyte\.gz to train on; use at most 3$/);
  t.match(await inputError(t, () => loadFashionMnist({ path, trainLimit: 3, holdout: 2 })), /^dataset\.holdout: 2 images after the first 3 \(trainLimit\) need 5, more than the 4 in .*; use a holdout of at most 1 or a smaller trainLimit$/);
  t.match(await inputError(t, () => loadFashionMnist({ path, trainLimit: 4, holdout: 1 })), /; use a smaller trainLimit$/);
  t.match(await inputError(t, () => loadFashionMnist({ path, holdout: 0 })), /^dataset\.holdout: 0 is not allowed/);
});

t.test('without a holdout the fingerprint covers the same selection as always', async (t) => {
  const path = t.testdir(fmnistFiles({ gz: false }));
  const files = Object.entries(fmnistFiles({ gz: false })).map(([name, bytes]) => ({ name, bytes }));
  t.equal(loadFashionMnist({ path }).fingerprint, fingerprintFiles(files, { selection: 'train:all,val:all' }), 'recorded runs keep their fingerprints');
  t.equal(loadFashionMnist({ path, trainLimit: 2, holdout: 1 }).fingerprint, fingerprintFiles(files, { selection: 'train:first 2,val:all,holdout:next 1' }));
});

t.test('fingerprint: same files same fingerprint, one changed byte changes it', async (t) => {
  const a = loadFashionMnist({ path: t.testdir(fmnistFiles({ gz: false })) });
  const b = loadFashionMnist({ path: t.testdir(fmnistFiles({ gz: false })) });
  t.match(a.fingerprint, /^sha256:[0-9a-f]{64}$/);
  t.equal(a.fingerprint, b.fingerprint, 'another folder with the same files');
  const changed = images(2);
  changed[changed.length - 1] ^= 1;
  const c = loadFashionMnist({ path: t.testdir(fmnistFiles({ gz: false, override: { 't10k-images-idx3-ubyte': changed } })) });
  t.not(c.fingerprint, a.fingerprint);
});

t.test('bad folders and files are InputErrors naming the path', async (t) => {
  const missing = join(t.testdir({}), 'nope');
  let msg = await inputError(t, () => loadFashionMnist({ path: missing }));
  t.match(msg, `${missing}: data folder does not exist; install it with \`apt-get install dataset-fashion-mnist\` or set dataset.path`);
  const partial = fmnistFiles({ gz: true });
  delete partial['t10k-labels-idx1-ubyte.gz'];
  const partialDir = t.testdir(partial);
  msg = await inputError(t, () => loadFashionMnist({ path: partialDir }));
  t.match(msg, `${partialDir}: missing t10k-labels-idx1-ubyte.gz or t10k-labels-idx1-ubyte; install it with`);

  const mismatch = t.testdir(fmnistFiles({ gz: false, override: { 'train-labels-idx1-ubyte': labels([0, 1, 2]) } }));
  msg = await inputError(t, () => loadFashionMnist({ path: mismatch }));
  t.match(msg, `${join(mismatch, 'train-images-idx3-ubyte')}: holds 4 images but ${join(mismatch, 'train-labels-idx1-ubyte')} holds 3 labels`);

  const outOfRange = t.testdir(fmnistFiles({ gz: true, override: { 't10k-labels-idx1-ubyte': labels([5, 10]) } }));
  msg = await inputError(t, () => loadFashionMnist({ path: outOfRange }));
  t.match(msg, `${join(outOfRange, 't10k-labels-idx1-ubyte.gz')}: label 10 of record 1 is out of range 0..9`);

  const truncated = images(4).subarray(0, 100);
  const truncDir = t.testdir(fmnistFiles({ gz: true, override: { 'train-images-idx3-ubyte': truncated } }));
  msg = await inputError(t, () => loadFashionMnist({ path: truncDir }));
  t.match(msg, `${join(truncDir, 'train-images-idx3-ubyte.gz')}: header declares 4x28x28 = 3136 data bytes but the file holds 84`);

  const wrongShape = t.testdir(fmnistFiles({ gz: false, override: { 't10k-images-idx3-ubyte': idx([2, 3], [1, 2, 3, 4, 5, 6]) } }));
  msg = await inputError(t, () => loadFashionMnist({ path: wrongShape }));
  t.match(msg, `${join(wrongShape, 't10k-images-idx3-ubyte')}: holds an array of shape 2x3, expected N x 28 x 28 images`);
});

t.test('the real Fashion-MNIST, when installed', { skip: skipWithout('dataset-fashion-mnist') }, async (t) => {
  const started = performance.now();
  const d = loadFashionMnist({ trainLimit: 2000, valLimit: 500 });
  t.comment(`loaded 2000/500 of the real set in ${Math.round(performance.now() - started)} ms`);
  t.equal(d.train.count, 2000);
  t.equal(d.val.count, 500);
  t.equal(d.classes, 10);
  const seen = new Set(d.train.labels);
  t.equal(seen.size, 10, 'the first 2000 training images hold all 10 classes');
  t.match(d.description, /fashion-mnist 2000\/500/);
  // The headers still say 60000 and 10000: asking for more than that fails with the count.
  t.match(await inputError(t, () => loadFashionMnist({ trainLimit: 60001 })), /more than the 60000 images/);
  t.match(await inputError(t, () => loadFashionMnist({ valLimit: 10001 })), /more than the 10000 images/);
});
