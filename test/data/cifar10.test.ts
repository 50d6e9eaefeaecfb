import { join } from 'node:path';
import t from 'tap';
import { CIFAR10_RECORD_BYTES, CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES, loadCifar10 } from '../../src/data/cifar10.js';
import { fingerprintFiles } from '../../src/data/fingerprint.js';
import { inputError } from '../helpers/errors.js';

/**
 * One CIFAR record with a known image: red plane = pixel index % 256, green = label * 10,
 * blue = 255 - (pixel index % 256). So HWC pixel p must read [p % 256, label*10, 255 - p % 256].
 */
function record(label: number): Buffer {
  const r = Buffer.alloc(CIFAR10_RECORD_BYTES);
  r[0] = label;
  for (let p = 0; p < 1024; p++) {
    r[1 + p] = p % 256;
    r[1 + 1024 + p] = label * 10;
    r[1 + 2048 + p] = 255 - (p % 256);
  }
  return r;
}

function batch(labels: number[]): Buffer {
  return Buffer.concat(labels.map(record));
}

/** Five 2-record training batches (labels 0..9 in order) and a 3-record test batch. */
function cifarFiles(override: Record<string, Buffer> = {}): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  CIFAR10_TRAIN_FILES.forEach((name, i) => (files[name] = batch([2 * i, 2 * i + 1])));
  files[CIFAR10_TEST_FILE] = batch([7, 3, 9]);
  return { ...files, ...override };
}


t.test('decodes CHW planes to HWC, batches in order, test batch as val', async (t) => {
  const d = loadCifar10({ path: t.testdir(cifarFiles()) });
  t.equal(d.train.count, 10);
  t.equal(d.val.count, 3);
  t.same(Array.from(d.train.labels), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  t.same(Array.from(d.val.labels), [7, 3, 9]);
  t.equal(d.height, 32);
  t.equal(d.channels, 3);
  // Image 3 (label 3), pixel 300 = row 9, column 12.
  const o = (3 * 1024 + 300) * 3;
  t.same(Array.from(d.train.images.subarray(o, o + 3)), [300 % 256, 30, 255 - (300 % 256)]);
  const v = (2 * 1024 + 5) * 3;
  t.same(Array.from(d.val.images.subarray(v, v + 3)), [5, 90, 250]);
  // Green is label * 10, so its mean over labels 0..9 is 45; red is the same in every image.
  t.equal(d.meanImage[1], 45);
  t.equal(d.meanImage[300 * 3], 300 % 256);
});

t.test('limits take the first N in batch order', async (t) => {
  const path = t.testdir(cifarFiles());
  const d = loadCifar10({ path, trainLimit: 3, valLimit: 1 });
  t.same(Array.from(d.train.labels), [0, 1, 2]);
  t.same(Array.from(d.val.labels), [7]);
  t.equal(d.train.images.length, 3 * 3072);
  t.not(d.fingerprint, loadCifar10({ path }).fingerprint);
  t.match(await inputError(t, () => loadCifar10({ path, trainLimit: 11 })), `dataset.trainLimit: 11 is more than the 10 images in ${path}`);
});

t.test('a holdout: the training images after the first trainLimit, or the last ones', async (t) => {
  const path = t.testdir(cifarFiles());
  const after = loadCifar10({ path, trainLimit: 3, holdout: 2 });
  t.same(Array.from(after.train.labels), [0, 1, 2]);
  t.same(Array.from(after.holdout!.labels), [3, 4], 'right after the images trained on, across batch files');
  t.equal(after.holdout!.images.length, 2 * 3072);
  // Green is label * 10: the holdout's first image is label 3.
  t.equal(after.holdout!.images[1], 30);
  const last = loadCifar10({ path, holdout: 3 });
  t.same(Array.from(last.train.labels), [0, 1, 2, 3, 4, 5, 6]);
  t.same(Array.from(last.holdout!.labels), [7, 8, 9], 'the last three');
  t.equal(last.meanImage[1], 30, 'the mean image is of the images trained on: green (0 + 10 + ... + 60) / 7');
  const files = Object.entries(cifarFiles()).map(([name, bytes]) => ({ name, bytes }));
  t.equal(loadCifar10({ path }).fingerprint, fingerprintFiles(files, { selection: 'train:all,val:all' }), 'without a holdout: the fingerprint as always');
  t.equal(last.fingerprint, fingerprintFiles(files, { selection: 'train:first 7,val:all,holdout:next 3' }));
  t.match(await inputError(t, () => loadCifar10({ path, trainLimit: 9, holdout: 2 })), `dataset.holdout: 2 images after the first 9 (trainLimit) need 11, more than the 10 in ${path}`);
});

t.test('fingerprint: same files same fingerprint, one changed byte changes it', async (t) => {
  const a = loadCifar10({ path: t.testdir(cifarFiles()) });
  const b = loadCifar10({ path: t.testdir(cifarFiles()) });
  t.equal(a.fingerprint, b.fingerprint);
  const changed = batch([7, 3, 9]);
  changed[500] ^= 1;
  t.not(loadCifar10({ path: t.testdir(cifarFiles({ [CIFAR10_TEST_FILE]: changed })) }).fingerprint, a.fingerprint);
});

t.test('fingerprintFiles ignores read order but not names', async (t) => {
  const x = { name: 'a', bytes: Uint8Array.from([1]) };
  const y = { name: 'b', bytes: Uint8Array.from([2]) };
  t.equal(fingerprintFiles([x, y]), fingerprintFiles([y, x]));
  t.not(fingerprintFiles([x, y]), fingerprintFiles([{ ...x, name: 'b' }, { ...y, name: 'a' }]), 'swapped names');
});

t.test('bad folders and files are InputErrors naming the path', async (t) => {
  const missing = join(t.testdir({}), 'cifar-10-batches-bin');
  t.match(await inputError(t, () => loadCifar10({ path: missing })), `${missing}: data folder does not exist; download cifar-10-binary.tar.gz`);

  const partial = cifarFiles();
  delete partial['data_batch_2.bin'];
  delete partial[CIFAR10_TEST_FILE];
  const partialDir = t.testdir(partial);
  t.match(await inputError(t, () => loadCifar10({ path: partialDir })), `${partialDir}: missing data_batch_2.bin, test_batch.bin; download`);

  const truncDir = t.testdir(cifarFiles({ 'data_batch_4.bin': batch([1, 2]).subarray(0, 5000) }));
  t.match(
    await inputError(t, () => loadCifar10({ path: truncDir })),
    `${join(truncDir, 'data_batch_4.bin')}: 5000 bytes is not a whole number of 3073-byte CIFAR-10 records`,
  );

  const badLabel = batch([7, 3, 9]);
  badLabel[CIFAR10_RECORD_BYTES] = 10;
  const labelDir = t.testdir(cifarFiles({ [CIFAR10_TEST_FILE]: badLabel }));
  t.match(await inputError(t, () => loadCifar10({ path: labelDir })), `${join(labelDir, CIFAR10_TEST_FILE)}: label 10 of record 1 is out of range 0..9`);

  const fileDir = t.testdir({ 'not-a-folder': 'x' });
  t.match(await inputError(t, () => loadCifar10({ path: join(fileDir, 'not-a-folder') })), /not-a-folder: is not a folder/);
});
