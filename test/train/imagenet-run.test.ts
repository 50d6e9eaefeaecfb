/**
 * A run on a real (tiny) ImageNet-layout folder of JPEG and PNG files: decoded with sharp,
 * resized and centre-cropped, trained with the paper's augmentation, evaluated with ten
 * crops, and a corrupt file skipped and counted under onBadFile "skip".
 */
import t from 'tap';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { runExperiments } from '../../src/train/run-experiments.js';
import { createProgress } from '../../src/cli/progress.js';
import type { RunSummary } from '../../src/results/summary.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';

const COLOURS: Record<string, [number, number, number]> = { n001: [220, 40, 40], n002: [40, 200, 60], n003: [40, 60, 210] };

async function image(path: string, rgb: [number, number, number], widthPx: number, png: boolean): Promise<void> {
  const img = sharp({ create: { width: widthPx, height: 24, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
  writeFileSync(path, await (png ? img.png() : img.jpeg()).toBuffer());
}

async function makeFolder(root: string): Promise<void> {
  for (const split of ['train', 'val']) {
    for (const [wnid, rgb] of Object.entries(COLOURS)) {
      mkdirSync(join(root, split, wnid), { recursive: true });
      for (let i = 0; i < (split === 'train' ? 6 : 2); i++) {
        await image(join(root, split, wnid, `${wnid}_${i}.${i % 2 ? 'png' : 'JPEG'}`), rgb, 24 + 8 * i, i % 2 === 1);
      }
    }
  }
  const good = readFileSync(join(root, 'train', 'n001', 'n001_0.JPEG'));
  writeFileSync(join(root, 'train', 'n001', 'n001_9.JPEG'), good.subarray(0, 40));
}

t.test('trains on an imagenet-folder data set with augmentation, ten-crop and a skipped bad file', async (t) => {
  const dir = t.testdir({});
  const root = join(dir, 'imagenet');
  await makeFolder(root);
  const base = tinyExperiment();
  const file = writeExperiment(dir, 'inet.json', {
    ...base,
    name: 'inet',
    dataset: { format: 'imagenet-folder', path: root, resizePx: 20, onBadFile: 'skip', pixelScale: 0.02 },
    augment: { randomCrop: true, flip: true, lighting: true },
    evaluation: { tenCrop: true },
    training: { epochs: 2, batchSize: 6 },
  });
  const [outcome] = await runExperiments({
    files: [file], engine: 'wasm', outDir: join(dir, 'results'), force: false,
    progress: createProgress({ mode: 'plain', err: () => undefined }), shouldStop: () => false,
  });
  t.equal(outcome.status, 'completed');
  const summary = JSON.parse(readFileSync(outcome.summaryPath, 'utf8')) as RunSummary;
  t.equal(summary.dataSkippedFiles, 1, 'the truncated JPEG is skipped and counted');
  t.ok(summary.final.valTenCrop, 'ten-crop metrics recorded');
  const run = JSON.parse(readFileSync(join(dir, 'results', 'inet', outcome.runId, 'run.json'), 'utf8'));
  t.same(run.dataset.classNames, ['n001', 'n002', 'n003'], 'the class list is resolved and recorded');
  t.equal(run.model.classes, 3);
  const provenance = JSON.parse(readFileSync(join(dir, 'results', 'inet', outcome.runId, 'provenance.json'), 'utf8'));
  t.same(provenance.dataSkippedFiles, ['train/n001/n001_9.JPEG']);
});
