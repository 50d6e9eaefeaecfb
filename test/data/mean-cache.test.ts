import t from 'tap';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { meanImage, type ImageSplit } from '../../src/data/dataset.js';
import { cachedMeanImage, meanCachePath } from '../../src/data/mean-cache.js';

function split(values: number[], pixelsPerImage: number): ImageSplit {
  return { images: Uint8Array.from(values), labels: new Int32Array(values.length / pixelsPerImage), count: values.length / pixelsPerImage };
}

t.test('the mean image is computed once, cached by fingerprint, and read back exactly', async (t) => {
  const dir = t.testdir({});
  const s = split([0, 10, 20, 30, 255, 1, 2, 3, 4, 5, 6, 7], 6);
  const first = cachedMeanImage({ cacheDir: dir, fingerprint: 'sha256:aaa', split: s, pixelsPerImage: 6 });
  t.same(Array.from(first), Array.from(meanImage(s, 6)));
  const path = meanCachePath(dir, 'sha256:aaa', 6);
  t.equal(statSync(path).size, 6 * 4, 'one float32 per pixel value');
  // Another split under the same fingerprint proves the second call reads the cache.
  const other = split(new Array(12).fill(9), 6);
  const cached = cachedMeanImage({ cacheDir: dir, fingerprint: 'sha256:aaa', split: other, pixelsPerImage: 6 });
  t.same(Array.from(cached), Array.from(first), 'same fingerprint: the cached mean');
  const fresh = cachedMeanImage({ cacheDir: dir, fingerprint: 'sha256:bbb', split: other, pixelsPerImage: 6 });
  t.same(Array.from(fresh), new Array(6).fill(9), 'another fingerprint: computed anew');
  t.equal(readdirSync(dir).filter((n) => n.endsWith('.tmp')).length, 0, 'no temporary files left');
});

t.test('a cache file of the wrong size is recomputed, not trusted', async (t) => {
  const dir = t.testdir({});
  const s = split([1, 2, 3, 4, 5, 6], 3);
  writeFileSync(meanCachePath(dir, 'fp', 3), Buffer.alloc(5));
  const mean = cachedMeanImage({ cacheDir: dir, fingerprint: 'fp', split: s, pixelsPerImage: 3 });
  t.same(Array.from(mean), [2.5, 3.5, 4.5]);
  t.equal(readFileSync(meanCachePath(dir, 'fp', 3)).length, 12, 'rewritten whole');
});

t.test('without a cache folder nothing is written', async (t) => {
  const s = split([2, 4], 2);
  t.same(Array.from(cachedMeanImage({ fingerprint: 'x', split: s, pixelsPerImage: 2 })), [2, 4]);
});
