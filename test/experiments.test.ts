/**
 * Every experiment file in experiments/ declares "$schema", validates, and runs end to end
 * at tiny scale (few images, one epoch, one seed, every matrix variant), so a committed
 * experiment can never be broken.
 */
import t from 'tap';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { CIFAR10_TEST_FILE, CIFAR10_TRAIN_FILES } from '../src/data/cifar10.js';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { validateExperimentFile } from '../src/experiment/validate.js';
import { runExperiments } from '../src/train/run-experiments.js';
import { createProgress } from '../src/cli/progress.js';
import { writeExperiment } from './helpers/experiments.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const experimentsDir = join(root, 'experiments');

function experimentFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return experimentFiles(path);
    return name.endsWith('.json') && name !== 'schema.json' ? [path] : [];
  });
}

/** A tiny data folder in the experiment's format (for sources users bring or install themselves). */
async function fixture(format: string, dir: string): Promise<string | undefined> {
  if (format === 'cifar10') {
    const root = join(dir, 'cifar');
    mkdirSync(root);
    // Records of 1 label byte + 3072 pixel bytes, labels 0..9, deterministic pixels.
    const batch = Buffer.alloc(20 * 3073, 0);
    for (let r = 0; r < 20; r++) {
      batch[r * 3073] = r % 10;
      for (let i = 1; i < 3073; i++) batch[r * 3073 + i] = (r * 31 + i * 7) % 256;
    }
    for (const name of [...CIFAR10_TRAIN_FILES, CIFAR10_TEST_FILE]) writeFileSync(join(root, name), batch);
    return root;
  }
  if (format === 'fashion-mnist') {
    // The four IDX files (00 00 08 ndims, big-endian dims, bytes), gzipped as the Debian
    // package installs them, so the experiment runs without that optional package.
    const root = join(dir, 'fashion-mnist');
    mkdirSync(root);
    const idx = (dims: number[], data: Uint8Array): Buffer => {
      const header = Buffer.alloc(4 + 4 * dims.length);
      header[2] = 0x08;
      header[3] = dims.length;
      dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
      return gzipSync(Buffer.concat([header, data]));
    };
    for (const [prefix, count] of [['train', 20], ['t10k', 10]] as const) {
      const pixels = Uint8Array.from({ length: count * 784 }, (_, i) => (i * 7) % 256);
      const labels = Uint8Array.from({ length: count }, (_, r) => r % 10);
      writeFileSync(join(root, `${prefix}-images-idx3-ubyte.gz`), idx([count, 28, 28], pixels));
      writeFileSync(join(root, `${prefix}-labels-idx1-ubyte.gz`), idx([count], labels));
    }
    return root;
  }
  if (format === 'imagenet-folder') {
    const root = join(dir, 'imagenet');
    for (const split of ['train', 'val']) {
      for (const [c, wnid] of ['n01', 'n02'].entries()) {
        mkdirSync(join(root, split, wnid), { recursive: true });
        for (let i = 0; i < 2; i++) {
          const img = sharp({ create: { width: 300, height: 260, channels: 3, background: { r: 60 + 100 * c, g: 90, b: 40 * i } } });
          writeFileSync(join(root, split, wnid, `${wnid}_${i}.JPEG`), await img.jpeg().toBuffer());
        }
      }
    }
    return root;
  }
  return undefined;
}

/** The same experiment, shrunk: the point is that it runs, not what it learns. */
async function shrink(experiment: Record<string, any>, dir: string): Promise<Record<string, unknown>> {
  const dataset = { ...experiment.dataset };
  if (dataset.format === 'synthetic') Object.assign(dataset, { trainSize: 16, valSize: 8 });
  else if (dataset.format === 'imagenet-folder') Object.assign(dataset, { trainLimitPerClass: 2, valLimitPerClass: 2 });
  else Object.assign(dataset, { trainLimit: 16, valLimit: 8 });
  // The fixtures hold 20 training images: a holdout fits in the 4 after the first 16.
  if (dataset.holdout !== undefined) dataset.holdout = 4;
  const path = await fixture(dataset.format, dir);
  if (path) dataset.path = path;
  // Paper-scale nets (60 M parameters) take seconds per step on wasm: run them at 1/16 width.
  const model = (experiment.model.inputSize ?? 227) >= 200 ? { ...experiment.model, widthFactor: 0.0625 } : experiment.model;
  return {
    ...experiment,
    $schema: undefined,
    dataset,
    model,
    training: { ...experiment.training, epochs: 1, batchSize: 8 },
    ...(experiment.evaluation?.trainEvalImages ? { evaluation: { ...experiment.evaluation, trainEvalImages: 8 } } : {}),
    seeds: experiment.seeds.slice(0, 1),
  };
}

const files = experimentFiles(experimentsDir);
t.ok(files.length > 0, 'there are experiment files');

for (const file of files) {
  const name = relative(root, file);
  t.test(name, async (t) => {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    t.type(raw.$schema, 'string', 'declares $schema');
    // Files for data the user brings or installs are checked against a fixture folder in their format.
    const dir = t.testdir({});
    const shrunk = await shrink(raw, dir);
    validateExperimentFile(file);
    const tiny = writeExperiment(dir, 'tiny.json', shrunk);
    const outcomes = await runExperiments({
      files: [tiny], engine: 'wasm', outDir: join(dir, 'results'), force: false,
      progress: createProgress({ mode: 'plain', err: () => undefined }), shouldStop: () => false,
    });
    t.ok(outcomes.length > 0);
    for (const o of outcomes) t.equal(o.status, 'completed', `${o.variant} completed`);
  });
}
