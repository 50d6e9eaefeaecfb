/**
 * Decode throughput of the imagenet-folder source, and what the decoded cache saves.
 *
 *   npm run bench:data [-- images=500 widthPx=500 heightPx=375 concurrency=4]
 *
 * Writes a folder of JPEGs (4 classes, 80% train, 20% val; sharp's gaussian noise over a
 * class colour, quality 90, about 120 KB each, like ILSVRC photos) to a temporary folder,
 * then times: a load that decodes everything (resize shorter side to 256, centre crop),
 * the same load writing the cache, and a load that reads the cache.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { loadImagenetFolder } from '../src/data/imagenet-folder.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=')).map(([k, v]) => [k, Number(v)]));
const images = args.images ?? 500;
const widthPx = args.widthPx ?? 500;
const heightPx = args.heightPx ?? 375;
const concurrency = args.concurrency ?? 4;

async function makeFolder(root: string): Promise<void> {
  for (let i = 0; i < images; i++) {
    const cls = i % 4;
    const split = i % 5 === 4 ? 'val' : 'train';
    const dir = join(root, split, `n0${cls}`);
    mkdirSync(dir, { recursive: true });
    const background = { r: 60 * cls, g: 100, b: 150 };
    await sharp({ create: { width: widthPx, height: heightPx, channels: 3, background, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .toFile(join(dir, `img_${i}.JPEG`));
  }
}

async function timed(label: string, load: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  await load();
  const s = (performance.now() - t0) / 1000;
  console.log(`${label.padEnd(34)} ${s.toFixed(2).padStart(7)} s  ${(images / s).toFixed(0).padStart(6)} img/s`);
}

const root = mkdtempSync(join(tmpdir(), 'bench-data-'));
try {
  await makeFolder(root);
  const cacheDir = join(root, 'cache');
  console.log(`${images} JPEGs ${widthPx}x${heightPx} -> 256x256, ${concurrency} decodes in flight`);
  await timed('decode (no cache)', () => loadImagenetFolder({ path: root, concurrency }));
  await timed('decode + write cache', () => loadImagenetFolder({ path: root, concurrency, cacheDir }));
  await timed('read cache', () => loadImagenetFolder({ path: root, concurrency, cacheDir }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
