/**
 * The decoded cache: a second load reads the cache instead of decoding (same bytes, same
 * fingerprint); a changed file or another resize misses; a corrupt cache is ignored and
 * rewritten.
 */
import t from 'tap';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadImagenetFolder } from '../../src/data/imagenet-folder.js';
import { readCache, writeCache } from '../../src/data/decoded-cache.js';

async function folder(root: string): Promise<void> {
  for (const split of ['train', 'val']) {
    for (const [c, wnid] of ['n01', 'n02'].entries()) {
      mkdirSync(join(root, split, wnid), { recursive: true });
      for (let i = 0; i < 2; i++) {
        const img = sharp({ create: { width: 40 + 10 * i, height: 30, channels: 3, background: { r: 200 * c, g: 50 + 20 * i, b: 90 } } });
        writeFileSync(join(root, split, wnid, `${i}.png`), await img.png().toBuffer());
      }
    }
  }
}

t.test('a second load is a cache hit with identical data; changes miss', async (t) => {
  const dir = t.testdir({});
  const root = join(dir, 'data');
  const cacheDir = join(dir, 'cache');
  await folder(root);
  let decoded = 0;
  const load = (resizePx = 16) => loadImagenetFolder({ path: root, resizePx, cacheDir, onProgress: () => void decoded++ });
  const first = await load();
  t.equal(decoded, 8, 'the first load decodes every file');
  t.equal(readdirSync(cacheDir).length, 1, 'and writes one cache file');
  const second = await load();
  t.equal(decoded, 8, 'the second load decodes nothing');
  t.equal(second.dataset.fingerprint, first.dataset.fingerprint);
  t.same(second.dataset.train.images, first.dataset.train.images);
  t.same(second.dataset.val.labels, first.dataset.val.labels);
  t.same(second.dataset.meanImage, first.dataset.meanImage, 'the mean image is cached too');
  await load(20);
  t.equal(decoded, 16, 'another resize is a miss');
  const changed = sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 1, g: 2, b: 3 } } });
  writeFileSync(join(root, 'train', 'n01', '0.png'), await changed.png().toBuffer());
  const third = await load();
  t.equal(decoded, 24, 'a changed file is a miss');
  t.not(third.dataset.fingerprint, first.dataset.fingerprint);
});

t.test('a truncated or foreign cache file is ignored, never trusted', async (t) => {
  const dir = t.testdir({ 'junk.bin': 'not a cache', 'empty.bin': '' });
  t.equal(readCache(join(dir, 'junk.bin')), null);
  t.equal(readCache(join(dir, 'empty.bin')), null);
  t.equal(readCache(join(dir, 'absent.bin')), null);
  const dataset = {
    description: 'd', classes: 2, height: 2, width: 2, channels: 3 as const,
    train: { images: new Uint8Array(24).fill(7), labels: Int32Array.from([0, 1]), count: 2 },
    val: { images: new Uint8Array(12).fill(9), labels: Int32Array.from([1]), count: 1 },
    fingerprint: 'sha256:x', meanImage: new Float32Array(12).fill(7),
  };
  const path = join(dir, 'ok.bin');
  writeCache(path, dataset);
  t.same(readCache(path)?.train.labels, Int32Array.from([0, 1]));
  const whole = (await import('node:fs')).readFileSync(path);
  writeFileSync(path, whole.subarray(0, whole.length - 5));
  t.equal(readCache(path), null, 'a truncated cache is a miss');
});
