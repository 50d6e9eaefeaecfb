/**
 * The report's reading of run.json: which preset a resolved net is (by its architecture, not
 * its ablation knobs), LRN from results of before and after `normalization`, and the subset.
 */
import t from 'tap';
import { VARIANT_PRESETS } from '../../src/models/variants.js';
import { presetOf, runSetting } from '../../src/report/run-setting.js';

t.test('a resolved net is the preset whose architecture it has', async (t) => {
  for (const name of Object.keys(VARIANT_PRESETS)) {
    const config = VARIANT_PRESETS[name as keyof typeof VARIANT_PRESETS].config;
    t.equal(presetOf({ ...config, lrn: null, activation: 'tanh', dropout: 0 }), name, `${name}, whatever its LRN, activation and dropout`);
  }
  const paper = VARIANT_PRESETS.paper.config;
  t.equal(presetOf({ ...paper, kernels: paper.kernels.map((k) => k / 8) }), null, 'a scaled net is no preset');
  t.equal(presetOf({ ...paper, layout: 'four-layer' }), null, 'another layout is not the paper net');
  t.equal(presetOf(null), null);
});

t.test('LRN, the alpha reading and the subset, from new and older run.json files', async (t) => {
  const now = runSetting({ model: { normalization: 'lrn', lrn: { alphaReading: 'cuda-convnet' } }, dataset: { format: 'cifar10', classes: 10, trainLimit: 5000, valLimit: null } }, {});
  t.same([now.normalization, now.alphaReading, now.dataset.subset, now.dataset.fullTrainSet, now.dataset.trainImages], ['lrn', 'cuda-convnet', 'train: first 5000, val: all', false, 5000]);
  const old = runSetting({ model: { lrn: { k: 2 } }, dataset: { format: 'imagenet-folder', classes: 1000, trainLimitPerClass: null, valLimitPerClass: 10 } }, {});
  t.same([old.normalization, old.alphaReading, old.dataset.subset, old.dataset.fullTrainSet], ['lrn', null, 'train: all, val: 10 per class', true]);
  t.same([runSetting({ model: { lrn: null } }, {}).normalization, runSetting(null, {}).normalization], ['none', null]);
  t.equal(runSetting(null, { variant: 'paper-one-tower' }).variant, 'paper-one-tower', 'the variant axis names the net');
});

t.test('the net in words: the declared preset, scaled or not', async (t) => {
  const fourLayer = VARIANT_PRESETS['four-layer'].config;
  const exact = runSetting({ model: { ...fourLayer }, preset: { variant: 'four-layer', widthFactor: 1 } }, {});
  t.same([exact.variant, exact.net], ['four-layer', 'four-layer']);
  const half = runSetting({ model: { ...fourLayer, kernels: [16, 16, 32] }, preset: { variant: 'four-layer', widthFactor: 0.5 } }, { variant: 'four-layer' });
  t.same([half.variant, half.net], [null, 'four-layer at width 0.5 (kernels 16-16-32)'], 'a scaled net is named, but is not the preset');
  const changed = runSetting({ model: { ...fourLayer, inputSize: 28 }, preset: { variant: 'four-layer', widthFactor: 1 } }, {});
  t.same([changed.variant, changed.net], [null, 'four-layer with changes (kernels 32-32-64)']);
});
