import { join } from 'node:path';
import sharp from 'sharp';
import t, { type Test } from 'tap';
import { loadImagenetFolder, type ImagenetFolderOptions } from '../../src/data/imagenet-folder.js';
import { inputError } from '../helpers/errors.js';

const PX = 16;
const IMAGE_BYTES = PX * PX * 3;

type Rgb = [number, number, number];

function solid(width: number, height: number, [r, g, b]: Rgb): sharp.Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } });
}

/** 120x40 with red | green | blue thirds: shorter side 40 -> 16 makes it 48 wide, and the centre 16 columns are the green third. */
async function stripesPng(): Promise<Buffer> {
  const raw = Buffer.alloc(120 * 40 * 3);
  for (let y = 0; y < 40; y++) {
    for (let x = 0; x < 120; x++) raw[(y * 120 + x) * 3 + Math.floor(x / 40)] = 255;
  }
  return sharp(raw, { raw: { width: 120, height: 40, channels: 3 } }).png().toBuffer();
}

/** 6x4 16-bit RGB (65535, 32768, 0) everywhere: 8-bit (255, 128, 0). */
async function png16(): Promise<Buffer> {
  const u16 = new Uint16Array(6 * 4 * 3);
  for (let i = 0; i < u16.length; i++) u16[i] = [65535, 32768, 0][i % 3];
  return sharp(u16, { raw: { width: 6, height: 4, channels: 3 } }).toColourspace('rgb16').png().toBuffer();
}

/** A folder for t.testdir: file contents by name, sub-folders as nested objects. */
type Folder = { [name: string]: string | Buffer | Folder };

interface Fixture {
  files: Folder;
  jpeg: Buffer;
}

/** Classes n01 (stripes PNG, tall blue JPEG), n02 (grey PNG, CMYK JPEG), n03 (16-bit PNG), written out of name order on purpose. */
async function fixture(): Promise<Fixture> {
  const jpeg = await solid(20, 50, [0, 0, 255]).jpeg({ quality: 95 }).toBuffer();
  const grey = await solid(30, 30, [100, 100, 100]).toColourspace('b-w').png().toBuffer();
  const cmyk = await solid(24, 18, [200, 30, 40]).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
  const deep = await png16();
  const files = {
    train: {
      n03: { 'e.png': deep },
      n01: { 'b.JPEG': jpeg, 'a.png': await stripesPng(), 'notes.txt': 'not an image' },
      n02: { 'd.jpg': cmyk, 'c.png': grey },
    },
    val: { n01: { 'v.JPEG': jpeg }, n02: { 'v.png': grey }, n03: { 'v.png': deep } },
  };
  return { files, jpeg };
}

function pixel(images: Uint8Array, image: number, row: number, col: number): number[] {
  const o = image * IMAGE_BYTES + (row * PX + col) * 3;
  return Array.from(images.subarray(o, o + 3));
}

function near(t: Test, actual: number[], expected: number[], tolerance: number, what: string): void {
  t.ok(actual.every((v, i) => Math.abs(v - expected[i]) <= tolerance), `${what}: ${actual} within ${tolerance} of ${expected}`);
}


const load = (opts: ImagenetFolderOptions) => loadImagenetFolder({ resizePx: PX, ...opts });

t.test('fixture really holds grey, CMYK and 16-bit files', async (t) => {
  const { files } = await fixture();
  const train = files.train as Record<string, Record<string, Buffer>>;
  t.equal((await sharp(train.n02['c.png']).metadata()).channels, 1);
  t.equal((await sharp(train.n02['d.jpg']).metadata()).space, 'cmyk');
  t.equal((await sharp(train.n03['e.png']).metadata()).depth, 'ushort');
});

t.test('classes sorted by folder name, files by name, resize + centre crop to 8-bit RGB', async (t) => {
  const { files } = await fixture();
  const { dataset: d, skipped } = await load({ path: t.testdir(files) });
  t.same(skipped, []);
  t.equal(d.classes, 3);
  t.equal(d.height, PX);
  t.equal(d.width, PX);
  t.equal(d.channels, 3);
  t.equal(d.train.count, 5);
  t.equal(d.train.images.length, 5 * IMAGE_BYTES);
  t.same(Array.from(d.train.labels), [0, 0, 1, 1, 2]);
  t.same(Array.from(d.val.labels), [0, 1, 2]);
  t.equal(d.meanImage.length, IMAGE_BYTES);
  t.match(d.description, /3 classes 5\/3 images 16x16/);
  // a.png: only the green middle third survives the crop (Lanczos may blend the outer columns).
  for (let col = 4; col < 12; col++) near(t, pixel(d.train.images, 0, 8, col), [0, 255, 0], 3, `stripes column ${col}`);
  near(t, pixel(d.train.images, 1, 8, 8), [0, 0, 255], 8, 'tall blue JPEG');
  near(t, pixel(d.train.images, 2, 3, 3), [100, 100, 100], 0, 'grey PNG as RGB');
  near(t, pixel(d.train.images, 3, 8, 8), [200, 30, 40], 30, 'CMYK JPEG as RGB');
  near(t, pixel(d.train.images, 4, 8, 8), [255, 128, 0], 1, '16-bit PNG as 8-bit');
});

t.test('a class subset defines the class indexes in its own order; limits take the first files', async (t) => {
  const { files } = await fixture();
  const path = t.testdir(files);
  const { dataset: d } = await load({ path, classes: ['n03', 'n01'], trainLimitPerClass: 1 });
  t.equal(d.classes, 2);
  t.same(Array.from(d.train.labels), [0, 1]);
  near(t, pixel(d.train.images, 1, 8, 8), [0, 255, 0], 3, 'first n01 file is a.png');
  t.same(Array.from(d.val.labels), [0, 1]);
  t.match(await inputError(t, () => load({ path, classes: ['n09'] })), `dataset.classes: class "n09" has no folder in ${join(path, 'train')}`);
  t.match(await inputError(t, () => load({ path, classes: ['n01', 'n01'] })), 'listed twice');
  t.match(await inputError(t, () => load({ path, trainLimitPerClass: 0 })), 'dataset.trainLimitPerClass: 0 is not allowed');
});

t.test('a truncated JPEG fails naming the file, or is skipped and listed', async (t) => {
  const { files, jpeg } = await fixture();
  const train = files.train as Record<string, Record<string, Buffer>>;
  train.n01['b-bad.JPEG'] = jpeg.subarray(0, Math.floor(jpeg.length / 2));
  const path = t.testdir(files);
  const bad = join(path, 'train', 'n01', 'b-bad.JPEG');
  t.match(await inputError(t, () => load({ path, concurrency: 3 })), `${bad}: cannot decode image`);
  const { dataset: d, skipped } = await load({ path, onBadFile: 'skip' });
  t.same(skipped, ['train/n01/b-bad.JPEG']);
  t.equal(d.train.count, 5);
  t.same(Array.from(d.train.labels), [0, 0, 1, 1, 2]);
});

t.test('missing path, missing train/, empty class folder', async (t) => {
  const missing = join(t.testdir({}), 'nowhere');
  const msg = await inputError(t, () => load({ path: missing }));
  t.match(msg, `${missing}: data folder does not exist`);
  t.match(msg, 'ILSVRC layout');
  const noTrain = t.testdir({ val: {} });
  t.match(await inputError(t, () => load({ path: noTrain })), `${join(noTrain, 'train')}: data folder does not exist; expected the ILSVRC layout`);
  const { files } = await fixture();
  (files.train as Folder).n04 = {};
  const path = t.testdir(files);
  t.match(await inputError(t, () => load({ path })), `${join(path, 'train', 'n04')}: class folder holds no`);
});

t.test('flat val/ with a labels file', async (t) => {
  const { files, jpeg } = await fixture();
  const grey = (files.val as Record<string, Record<string, Buffer>>).n02['v.png'];
  const flat = { ...files, val: { 'x2.JPEG': jpeg, 'x1.png': grey, 'x3.png': grey }, 'labels.txt': 'x2.JPEG n01\n\nx1.png n02\nx3.png n03\n' };
  const path = t.testdir(flat);
  const labels = join(path, 'labels.txt');
  const { dataset: d } = await load({ path, valLabels: labels, classes: ['n02', 'n01'] });
  t.equal(d.val.count, 2);
  t.same(Array.from(d.val.labels), [0, 1]);
  near(t, pixel(d.val.images, 0, 8, 8), [100, 100, 100], 0, 'x1.png is n02 = class 0');
  t.match(await inputError(t, () => load({ path })), `${join(path, 'val')}: holds no class folders; a flat val/ needs dataset.valLabels`);
  const typo = t.testdir({ ...flat, 'labels.txt': 'x2.JPEG n01\nx1.png n0x\n' });
  t.match(await inputError(t, () => load({ path: typo, valLabels: join(typo, 'labels.txt') })), `${join(typo, 'labels.txt')}:2: class "n0x" has no folder`);
  const gone = t.testdir({ ...flat, 'labels.txt': 'x9.png n01\nx1.png n02\nx3.png n03\n' });
  t.match(await inputError(t, () => load({ path: gone, valLabels: join(gone, 'labels.txt') })), `${join(gone, 'labels.txt')}:1: image`);
});

t.test('fingerprint: same files same fingerprint; one byte, the size or the classes change it', async (t) => {
  const { files, jpeg } = await fixture();
  const a = (await load({ path: t.testdir(files) })).dataset;
  t.equal((await load({ path: t.testdir(files) })).dataset.fingerprint, a.fingerprint);
  // A JPEG comment segment (FF FE, length 5, "abc") after SOI: one byte of it changes the file, not the pixels.
  const withComment = (text: string) => Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xfe, 0, 5]), Buffer.from(text, 'latin1'), jpeg.subarray(2)]);
  const original = { ...files, val: { ...(files.val as object), n01: { 'v.JPEG': withComment('abc') } } };
  const changedFiles = { ...files, val: { ...(files.val as object), n01: { 'v.JPEG': withComment('abd') } } };
  const a2 = (await load({ path: t.testdir(original) })).dataset;
  const b = (await load({ path: t.testdir(changedFiles) })).dataset;
  t.same(b.val.images, a2.val.images);
  t.same(a2.val.images, a.val.images);
  t.not(b.fingerprint, a2.fingerprint);
  const path = t.testdir(files);
  t.not((await loadImagenetFolder({ path, resizePx: 8 })).dataset.fingerprint, a.fingerprint);
  t.not((await load({ path, classes: ['n02', 'n01', 'n03'] })).dataset.fingerprint, a.fingerprint);
});
