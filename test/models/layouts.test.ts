import t from 'tap';
import { LAYOUTS, LAYOUT_NAMES, isLayout, layoutOf } from '../../src/models/layouts.js';
import { MODEL_VARIANTS, VARIANT_PRESETS } from '../../src/models/variants.js';

t.test('every declared layout is well formed', async (t) => {
  t.same([...LAYOUT_NAMES], Object.keys(LAYOUTS));
  for (const name of LAYOUT_NAMES) {
    const layout = layoutOf(name);
    const names = [...layout.convs.map((c) => c.name), ...layout.hidden.map((d) => d.name), layout.logits];
    t.equal(new Set(names).size, names.length, `${name}: layer names are unique (they name the weights)`);
    t.equal(layout.convs[0].geometry, 'stem', `${name}: the first conv layer takes the config's stem`);
    t.ok(layout.convs.slice(1).every((c) => c.geometry !== 'stem'), `${name}: only the first`);
    t.notOk(layout.convs[0].grouped, `${name}: the first layer sees the whole image`);
    const pools = layout.convs.flatMap((c) => (c.pool === null ? [] : [c.pool]));
    t.equal(new Set(pools).size, pools.length, `${name}: pooling layers have their own names`);
    t.ok(layout.towers.includes(1), `${name}: one tower always works`);
    t.equal(layout.towers.includes(2), layout.convs.some((c) => c.grouped), `${name}: two towers exactly when a layer is grouped`);
    t.ok(layout.description.length > 10);
  }
  t.ok(LAYOUT_NAMES.every(isLayout));
  t.notOk(isLayout('vgg'));
});

t.test('the AlexNet layout is the paper\'s (section 3.5) and the four-layer net is layers-18pct', async (t) => {
  const alexnet = layoutOf('alexnet');
  t.same(alexnet.convs.map((c) => c.name), ['conv1', 'conv2', 'conv3', 'conv4', 'conv5']);
  t.same(alexnet.convs.filter((c) => c.grouped).map((c) => c.name), ['conv2', 'conv4', 'conv5'], 'towers: section 3.2');
  t.same(alexnet.convs.filter((c) => c.normSlot).map((c) => c.name), ['conv1', 'conv2'], 'LRN after conv1 and conv2');
  t.same(alexnet.convs.map((c) => c.pool), ['pool1', 'pool2', null, null, 'pool5']);
  t.same([...alexnet.convs, ...alexnet.hidden].filter((l) => l.positiveBias).map((l) => l.name), ['conv2', 'conv4', 'conv5', 'fc6', 'fc7'], 'bias 1: section 5');
  t.same([alexnet.hidden.map((d) => d.name), alexnet.logits], [['fc6', 'fc7'], 'fc8']);

  const four = layoutOf('four-layer');
  t.same(four.convs.map((c) => [c.name, c.geometry, c.pool]), [
    ['conv1', 'stem', 'pool1'],
    ['conv2', { kernelSize: 5, stride: 1, padding: 2 }, 'pool2'],
    ['conv3', { kernelSize: 5, stride: 1, padding: 2 }, 'pool3'],
  ]);
  t.same(four.convs.filter((c) => c.normSlot).map((c) => c.name), ['conv1', 'conv2'], 'LRN slots as in section 3.3\'s net');
  t.same([four.hidden, four.logits, four.towers], [[], 'fc4', [1]]);
  t.ok([...four.convs, ...four.hidden].every((l) => !l.positiveBias), 'biases start at 0');
});

t.test('every variant names a declared layout and fits its counts', async (t) => {
  for (const name of MODEL_VARIANTS) {
    const preset = VARIANT_PRESETS[name].config;
    t.ok(isLayout(preset.layout), `${name}: ${preset.layout}`);
    t.equal(preset.kernels.length, layoutOf(preset.layout).convs.length, `${name}: one kernel count per conv layer`);
    t.equal(preset.fcUnits.length, layoutOf(preset.layout).hidden.length, `${name}: one unit count per hidden dense layer`);
  }
});
