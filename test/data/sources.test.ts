import t from 'tap';
import { InputError } from '../../src/core/errors.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATA_SOURCES, DATASET_FORMATS, HOLDOUT_FORMATS, loadDataset, resolveDataset, type DatasetSpec } from '../../src/data/index.js';

/** The least a spec of each format needs (a new source adds its line here). */
const MINIMAL: Record<string, DatasetSpec> = {
  synthetic: { format: 'synthetic' },
  'fashion-mnist': { format: 'fashion-mnist' },
  cifar10: { format: 'cifar10', path: 'cifar-10-batches-bin' },
  // Listing the classes keeps resolution off the file system.
  'imagenet-folder': { format: 'imagenet-folder', path: 'imagenette', classes: ['n01', 'n02'] },
};

t.test('the registry lists each format once, in order', async (t) => {
  t.same([...DATASET_FORMATS], DATA_SOURCES.map((s) => s.format));
  t.equal(new Set(DATASET_FORMATS).size, DATASET_FORMATS.length, 'no format twice');
  t.same(Object.keys(MINIMAL), [...DATASET_FORMATS], 'every source has a minimal spec in this test');
});

t.test('every source resolves a minimal spec to its defaults and states its geometry', async (t) => {
  for (const source of DATA_SOURCES.filter((s) => s.format in MINIMAL)) {
    const resolved = resolveDataset(MINIMAL[source.format]) as unknown as Record<string, unknown>;
    t.equal(resolved.format, source.format);
    t.match(resolved, source.defaults, `${source.format}: omitted keys get the source's defaults`);
    for (const key of ['classes', 'imageSize', 'pixelScale']) t.type(resolved[key], 'number', `${source.format}: ${key} is stated`);
    if (source.geometry) t.match(resolved, source.geometry, `${source.format}: the format's fixed geometry`);
    t.notOk(Object.values(resolved).includes(undefined), `${source.format}: every key explicit (undefined would drop out of run ids)`);
  }
});

// Run ids hash these objects: their keys and values must not change.
t.test('resolved data sets keep their exact shape', async (t) => {
  const cases: Array<[DatasetSpec, unknown]> = [
    [{ format: 'synthetic', classes: 4, noise: 0 },
      { format: 'synthetic', classes: 4, imageSize: 32, trainSize: 2000, valSize: 500, noise: 0, dataSeed: 1, holdout: null, pixelScale: 1 }],
    [{ format: 'synthetic', holdout: 50 },
      { format: 'synthetic', classes: 10, imageSize: 32, trainSize: 2000, valSize: 500, noise: 0.5, dataSeed: 1, holdout: 50, pixelScale: 1 }],
    [{ format: 'fashion-mnist', trainLimit: 100 },
      { format: 'fashion-mnist', classes: 10, imageSize: 28, path: '/usr/share/datasets/fashion-mnist', trainLimit: 100, valLimit: null, holdout: null, pixelScale: 1 }],
    [{ format: 'cifar10', path: 'c', valLimit: 5, pixelScale: 0.02 },
      { format: 'cifar10', classes: 10, imageSize: 32, path: 'c', trainLimit: null, valLimit: 5, holdout: null, pixelScale: 0.02 }],
    [{ format: 'cifar10', path: 'c', holdout: 1000 },
      { format: 'cifar10', classes: 10, imageSize: 32, path: 'c', trainLimit: null, valLimit: null, holdout: 1000, pixelScale: 1 }],
    [{ format: 'imagenet-folder', path: 'p', classes: ['b', 'a'], resizePx: 64, onBadFile: 'skip', valLimitPerClass: 1 },
      {
        format: 'imagenet-folder', path: 'p', resizePx: 64, classNames: ['b', 'a'], classes: 2, imageSize: 64, valLabels: null,
        onBadFile: 'skip', trainLimitPerClass: null, valLimitPerClass: 1, pixelScale: 1,
      }],
  ];
  for (const [spec, expected] of cases) {
    const resolved = resolveDataset(spec);
    t.same(resolved, expected, spec.format);
    t.same(Object.keys(resolved), Object.keys(expected as object), `${spec.format}: key order of the saved resolved file`);
  }
});

t.test('a source offers holdout exactly when its spec takes it', async (t) => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const schema = JSON.parse(readFileSync(join(root, 'experiments/schema.json'), 'utf8')) as { $defs: Record<string, { properties?: Record<string, { const?: string }> }> };
  for (const source of DATA_SOURCES) {
    const spec = Object.values(schema.$defs).find((def) => def.properties?.format?.const === source.format);
    t.equal(source.holdout, 'holdout' in (spec?.properties ?? {}), source.format);
  }
  t.same([...HOLDOUT_FORMATS], ['synthetic', 'fashion-mnist', 'cifar10']);
});

t.test('an unknown format is a clear error listing the formats', async (t) => {
  const listed = DATASET_FORMATS.map((f) => `"${f}"`);
  const use = `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  const message = `dataset.format: "no-such-format" is not a data source; use ${use}`;
  t.throws(() => resolveDataset({ format: 'no-such-format' } as unknown as DatasetSpec), new InputError(message));
  await t.rejects(loadDataset({ format: 'no-such-format' } as never), new InputError(message), 'a resolved file from elsewhere');
});

t.test('loadDataset dispatches to the source of the format', async (t) => {
  const resolved = resolveDataset({ format: 'synthetic', classes: 3, imageSize: 8, trainSize: 6, valSize: 3 });
  const dataset = await loadDataset(resolved);
  t.match(dataset, { classes: 3, height: 8, width: 8, channels: 3, train: { count: 6 }, val: { count: 3 } });
});
