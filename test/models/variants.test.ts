import t from 'tap';
import { countParameters, describeModels, outputShapes } from '../../src/models/alexnet.js';
import { countStateValues, stateSpecs, weightSpecs } from '../../src/models/geometry.js';
import { PAPER_LRN } from '../../src/models/lrn.js';
import { MODEL_VARIANTS, VARIANT_DEFAULTS, VARIANT_PRESETS, isModelVariant, scaleWidth, variantConfig } from '../../src/models/variants.js';

t.test('exact parameter counts at full size (analytic, no tensors)', async (t) => {
  // The paper's net: 34,944 + 307,456 + 885,120 + 663,936 + 442,624 (convs)
  // + 37,752,832 + 16,781,312 + 4,097,000 (fcs) = 60,965,224.
  t.equal(countParameters(variantConfig('paper', { inputSize: 227, classes: 1000 })), 60_965_224);
  // torchvision alexnet: 61,100,840.
  t.equal(countParameters(variantConfig('owt', { inputSize: 224, classes: 1000 })), 61_100_840);
  // 17,472 + 153,728 + 221,376 + 331,968 + 442,624 + 37,752,832 + 16,781,312 + 4,097,000.
  t.equal(countParameters(variantConfig('paper-one-tower')), 59_798_312);
  // The four-layer CIFAR-10 net at 32 px, 10 classes: 2,432 + 25,632 + 51,264 (convs)
  // + 3 x 3 x 64 x 10 + 10 = 5,770 (fc4).
  t.equal(countParameters(variantConfig('four-layer', { classes: 10 })), 85_098);
});

t.test('batch normalization adds gamma and beta per conv channel to the parameters; its running statistics are state', async (t) => {
  // The paper's net: 96 + 256 + 384 + 384 + 256 = 1,376 conv channels, so 2,752 of each.
  const paper = variantConfig('paper', { normalization: 'batchnorm' });
  t.equal(countParameters(paper), 60_965_224 + 2_752);
  t.equal(countStateValues(paper), 2_752);
  t.equal(countParameters(variantConfig('paper', { normalization: 'lrn+batchnorm' })), 60_965_224 + 2_752, 'LRN adds none');
  t.equal(countStateValues(variantConfig('paper')), 0, 'none without batch normalization');
  // The four-layer net: 32 + 32 + 64 = 128 channels.
  t.equal(countParameters(variantConfig('four-layer', { classes: 10, normalization: 'batchnorm' })), 85_098 + 256);
  const specs = weightSpecs(variantConfig('four-layer', { normalization: 'batchnorm' }));
  t.same(specs.filter((s) => s.name.includes('/bn/')).map((s) => `${s.name} ${s.shape} ${s.init}`), [
    'conv1/bn/gamma 32 one', 'conv1/bn/beta 32 zero', 'conv2/bn/gamma 32 one', 'conv2/bn/beta 32 zero', 'conv3/bn/gamma 64 one', 'conv3/bn/beta 64 zero',
  ]);
  t.same(stateSpecs(variantConfig('four-layer', { normalization: 'batchnorm' })).map((s) => `${s.name} ${s.shape} ${s.init}`), [
    'conv1/bn/mean 32 zero', 'conv1/bn/variance 32 one', 'conv2/bn/mean 32 zero', 'conv2/bn/variance 32 one', 'conv3/bn/mean 64 zero', 'conv3/bn/variance 64 one',
  ]);
  const described = describeModels({ normalization: 'batchnorm' });
  t.match(described.find((d) => d.name === 'paper'), { normalization: 'batchnorm', lrn: null, parameters: 60_965_224 + 2_752, batchNormParameters: 2_752, stateValues: 2_752 });
  t.ok(describeModels().every((d) => d.batchNormParameters === 0 && d.stateValues === 0), 'the presets have none');
});

t.test('full-size feature maps match figure 2 and the reference weight shapes', async (t) => {
  const sizes = (name: 'paper' | 'owt') => outputShapes(variantConfig(name)).map((s) => `${s.layer}:${s.sizePx}`);
  const expected = ['conv1:55', 'pool1:27', 'conv2:27', 'pool2:13', 'conv3:13', 'conv4:13', 'conv5:13', 'pool5:6'];
  t.same(sizes('paper'), expected);
  t.same(sizes('owt'), expected);
  const shapes = Object.fromEntries(weightSpecs(variantConfig('paper')).map((s) => [s.name, s.shape]));
  t.same(shapes['conv1/kernel'], [11, 11, 3, 96]);
  t.same(shapes['conv2/kernel'], [5, 5, 48, 256], 'conv2 sees its own tower: 5x5x48');
  t.same(shapes['conv3/kernel'], [3, 3, 256, 384], 'conv3 sees both towers');
  t.same(shapes['conv4/kernel'], [3, 3, 192, 384]);
  t.same(shapes['conv5/kernel'], [3, 3, 192, 256]);
  t.same(shapes['fc6/kernel'], [9216, 4096]);
  t.same(shapes['fc8/bias'], [1000]);
  const names = weightSpecs(variantConfig('owt')).map((s) => s.name);
  const layers = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'];
  t.same(names, layers.flatMap((l) => [`${l}/kernel`, `${l}/bias`]), 'fixed order, stable names');
});

t.test('the four-layer net: three 5x5 conv layers each pooled 3/2, one dense layer (cuda-convnet layers-18pct)', async (t) => {
  const config = variantConfig('four-layer', { classes: 10 });
  t.same(outputShapes(config).map((s) => `${s.layer}:${s.sizePx}x${s.channels}`), [
    'conv1:32x32', 'pool1:15x32', 'conv2:15x32', 'pool2:7x32', 'conv3:7x64', 'pool3:3x64',
  ]);
  const specs = weightSpecs(config);
  t.same(specs.map((s) => s.name), ['conv1', 'conv2', 'conv3', 'fc4'].flatMap((l) => [`${l}/kernel`, `${l}/bias`]));
  const shapes = Object.fromEntries(specs.map((s) => [s.name, s.shape]));
  t.same(shapes['conv1/kernel'], [5, 5, 3, 32]);
  t.same(shapes['conv2/kernel'], [5, 5, 32, 32]);
  t.same(shapes['conv3/kernel'], [5, 5, 32, 64]);
  t.same(shapes['fc4/kernel'], [576, 10]);
  t.ok(specs.filter((s) => s.name.endsWith('/bias')).every((s) => s.init === 'zero'), 'positiveBias applies to no layer');
  t.match(config, { layout: 'four-layer', towers: 1, normalization: 'none', lrn: null, dropout: 0, inputSize: 32, fcUnits: [] });
  const withLrn = variantConfig('four-layer', { normalization: 'lrn' });
  t.same(withLrn.lrn, PAPER_LRN, 'LRN slots after conv1 and conv2, the paper\'s parameters');
  t.equal(countParameters(withLrn), countParameters(variantConfig('four-layer')), 'LRN adds no parameters');
});

t.test('counts, towers and dropout are checked against the layout', async (t) => {
  t.throws(() => variantConfig('four-layer', { kernels: [32, 32, 64, 64, 64] }), {
    message: 'kernels: 5 counts given; layout "four-layer" has 3 conv layers (conv1, conv2, conv3); give 3',
  });
  t.throws(() => variantConfig('four-layer', { fcUnits: [64] }), {
    message: 'fcUnits: 1 count given; layout "four-layer" has 0 hidden dense layers; give 0',
  });
  t.throws(() => variantConfig('owt', { kernels: [64, 192, 384] }), /^kernels: 3 counts given; layout "alexnet" has 5 conv layers \(conv1, conv2, conv3, conv4, conv5\); give 5/);
  t.throws(() => variantConfig('owt', { fcUnits: [] }), /^fcUnits: 0 counts given; layout "alexnet" has 2 hidden dense layers \(fc6, fc7\); give 2/);
  t.throws(() => variantConfig('four-layer', { towers: 2 }), { message: 'towers: 2 is not allowed for layout "four-layer"; use 1 (it has no grouped layer)' });
  t.throws(() => variantConfig('four-layer', { dropout: 0.5 }), {
    message: 'dropout: 0.5 would act on no layer: layout "four-layer" has no hidden dense layer; use 0',
  });
  t.throws(() => variantConfig('owt', { layout: 'vgg' as 'alexnet' }), /^layout: "vgg" is not allowed; use "alexnet" or "four-layer"/);
});

t.test('presets are declared data with the paper defaults', async (t) => {
  t.same([...MODEL_VARIANTS], Object.keys(VARIANT_PRESETS));
  t.ok(MODEL_VARIANTS.every(isModelVariant));
  t.notOk(isModelVariant('vgg'));
  const paper = variantConfig('paper');
  t.same(paper, {
    layout: 'alexnet', dropoutPlacement: 'fc-outputs', activation: 'relu', dropout: 0.5, pool: { size: 3, stride: 2 }, classes: 1000, positiveBias: 1, initStd: 0.01,
    towers: 2, kernels: [96, 256, 384, 384, 256], fcUnits: [4096, 4096], normalization: 'lrn', lrn: { ...PAPER_LRN },
    stem: { kernelSize: 11, stride: 4, padding: 0 }, inputSize: 227,
  });
  const one = variantConfig('paper-one-tower');
  t.same(one.kernels, [48, 128, 192, 192, 256]);
  t.equal(one.towers, 1);
  t.equal(one.normalization, 'lrn');
  t.same(one.lrn, PAPER_LRN);
  const owt = variantConfig('owt');
  t.same(owt.kernels, [64, 192, 384, 256, 256]);
  t.equal(owt.normalization, 'none', 'no LRN by default, like torchvision');
  t.equal(owt.lrn, null, 'and so no LRN parameters');
  t.same(owt.stem, { kernelSize: 11, stride: 4, padding: 2 });
  t.equal(owt.inputSize, 224);
  t.equal(one.dropoutPlacement, 'fc-outputs', 'the paper and Caffe: dropout after relu6 and relu7');
  t.equal(owt.dropoutPlacement, 'fc-inputs', 'torchvision: dropout before fc6 and fc7');
  t.throws(() => variantConfig('owt', { dropoutPlacement: 'fc-middle' as 'fc-inputs' }), /^dropoutPlacement: "fc-middle" is not allowed; use "fc-outputs" or "fc-inputs"/);
});

t.test('every declared variant is a valid preset, described and frozen', async (t) => {
  t.ok(MODEL_VARIANTS.length > 0);
  const described = describeModels();
  for (const name of MODEL_VARIANTS) {
    const preset = VARIANT_PRESETS[name];
    t.ok(Object.isFrozen(preset) && Object.isFrozen(preset.config), `${name}: frozen`);
    t.ok(preset.description.length > 20, `${name}: has a description`);
    const config = variantConfig(name);
    t.same(config, { ...VARIANT_DEFAULTS, ...preset.config }, `${name}: defaults, then the preset`);
    // At its own input size every preset keeps a feature map down to pool5 (validates too).
    t.ok(outputShapes(config).at(-1)!.sizePx >= 1, `${name}: pool5 is at least 1x1 at ${config.inputSize} px`);
    const d = described.find((m) => m.name === name);
    t.equal(d?.parameters, countParameters(config), `${name}: bench models counts it`);
    t.ok(isModelVariant(name));
  }
});

t.test('variantConfig applies overrides, ignores undefined, returns independent copies', async (t) => {
  const c = variantConfig('owt', { activation: 'tanh', classes: 10, inputSize: undefined, normalization: 'lrn' });
  t.equal(c.activation, 'tanh');
  t.equal(c.classes, 10);
  t.equal(c.inputSize, 224, 'undefined keeps the preset value');
  t.same(c.lrn, PAPER_LRN, 'normalization "lrn" brings the paper\'s parameters');
  c.kernels[0] = 1;
  c.stem.padding = 9;
  t.equal(variantConfig('owt').kernels[0], 64, 'presets cannot be changed through a result');
  t.equal(variantConfig('owt').stem.padding, 2);
  t.ok(Object.isFrozen(VARIANT_PRESETS.paper.config.kernels));
  const small = variantConfig('paper', { widthFactor: 1 / 16, inputSize: 67 });
  t.same(small.kernels, [6, 16, 24, 24, 16]);
  t.same(small.fcUnits, [256, 256]);
  const flipped = variantConfig('paper-one-tower', { towers: 2, widthFactor: 1 / 16 });
  t.ok(flipped.kernels.every((k) => k % 2 === 0), 'widthFactor keeps kernels divisible by the overridden towers');
});

t.test('a normalization override brings or drops LRN\'s parameters; given ones must agree', async (t) => {
  t.equal(variantConfig('paper', { normalization: 'none' }).lrn, null, 'none: no LRN parameters hashed');
  const own = { ...PAPER_LRN, k: 1 };
  t.same(variantConfig('owt', { normalization: 'lrn', lrn: own }).lrn, own, 'given parameters are kept');
  t.same(variantConfig('paper', { lrn: own }).lrn, own, 'parameters alone, with the preset\'s LRN');
  t.throws(() => variantConfig('owt', { lrn: { ...PAPER_LRN } }), {
    message: 'lrn: parameters given, but normalization is "none"; use normalization "lrn" or "lrn+batchnorm", or no LRN parameters',
  });
  t.throws(() => variantConfig('paper', { lrn: null }), /^lrn: null, but normalization "lrn" needs LRN's parameters/);
  t.throws(() => variantConfig('paper', { normalization: 'layernorm' as 'lrn' }), /^normalization: "layernorm" is not allowed; use "lrn", "none", "batchnorm" or "lrn\+batchnorm"/);
  t.same(variantConfig('owt', { normalization: 'lrn+batchnorm' }).lrn, PAPER_LRN, '"lrn+batchnorm" brings LRN\'s parameters too');
  t.equal(variantConfig('paper', { normalization: 'batchnorm' }).lrn, null, '"batchnorm" drops them');
});

t.test('variantConfig rejects unknown variants and invalid fields', async (t) => {
  t.throws(() => variantConfig('vgg' as 'paper'), /"vgg" is not declared; use "paper", "paper-one-tower", "owt"/);
  t.throws(() => variantConfig('paper', { activation: 'relu6' as 'relu' }), /^activation: "relu6" is not allowed; use "relu"/);
  t.throws(() => variantConfig('owt', { towers: 2, kernels: [64, 192, 384, 256, 255] }), /kernels\[4\]: 255 is not divisible by towers 2/);
  t.throws(() => variantConfig('paper', { kernels: [95, 256, 384, 384, 256] }), /kernels\[0\]/, 'conv1 must split too');
  t.throws(() => variantConfig('paper', { dropout: 1 }), /dropout: 1/);
  t.throws(() => variantConfig('paper', { towers: 3 as 2 }), /towers: 3/);
  t.throws(() => variantConfig('paper', { initStd: 0 }), /initStd/);
  t.throws(() => variantConfig('paper', { stem: { kernelSize: 11, stride: 0, padding: 0 } }), /stem\.stride/);
  t.throws(() => variantConfig('paper', { widthFactor: 0 }), /widthFactor: 0/);
});

t.test('scaleWidth rounds, keeps at least one kernel per tower and divisibility', async (t) => {
  const k = [96, 256, 384, 384, 256];
  t.same(scaleWidth(k, [4096, 4096], 1, 2), { kernels: k, fcUnits: [4096, 4096] });
  t.same(scaleWidth(k, [4096, 4096], 0.5, 2), { kernels: [48, 128, 192, 192, 128], fcUnits: [2048, 2048] });
  t.same(scaleWidth(k, [4096, 4096], 1e-6, 2), { kernels: [2, 2, 2, 2, 2], fcUnits: [1, 1] });
  t.same(scaleWidth(k, [4096, 4096], 1e-6, 1).kernels, [1, 1, 1, 1, 1]);
  t.same(scaleWidth([32, 32, 64], [], 0.5, 1), { kernels: [16, 16, 32], fcUnits: [] }, 'any number of layers');
  for (const f of [0.1, 0.3, 1 / 3, 0.77, 1.5]) {
    const s = scaleWidth([64, 192, 384, 256, 256], [4096, 4096], f, 2);
    t.ok(s.kernels.every((n) => n >= 2 && n % 2 === 0), `factor ${f}: ${s.kernels}`);
  }
  t.throws(() => scaleWidth(k, [1, 1], Number.NaN, 1), /widthFactor/);
});

t.test('collapsed feature maps are a clear error naming the layer', async (t) => {
  t.throws(
    () => outputShapes(variantConfig('paper', { inputSize: 32 })),
    { message: 'pool2 output is 0x0 for inputSize 32 with stem 11/4 and pool 3/2; use a smaller stem or a larger inputSize' },
  );
  t.throws(() => countParameters(variantConfig('owt', { inputSize: 6 })), /conv1 output is 0x0 for inputSize 6/);
  t.throws(() => countParameters(variantConfig('owt', { inputSize: 8 })), /pool1 output is 0x0 for inputSize 8/);
  t.throws(() => outputShapes(variantConfig('paper', { inputSize: 60 })), /pool5 output is 0x0/);
  t.equal(outputShapes(variantConfig('paper', { inputSize: 67 })).at(-1)!.sizePx, 1, '67 px is the smallest that reaches 1x1');
});

t.test('describeModels lists every declared variant', async (t) => {
  const all = describeModels();
  t.same(all.map((d) => d.name), [...MODEL_VARIANTS]);
  const byName = Object.fromEntries(all.map((d) => [d.name, d]));
  t.equal(byName.paper.parameters, 60_965_224);
  t.equal(byName.owt.parameters, 61_100_840);
  t.match(byName.paper, { towers: 2, normalization: 'lrn', lrn: { alphaReading: 'formula', effectiveAlpha: 1e-4 }, kernels: [96, 256, 384, 384, 256], inputSize: 227 });
  t.match(byName.owt, { towers: 1, normalization: 'none', lrn: null, inputSize: 224 });
  for (const d of all) t.ok(d.description.length > 20, `${d.name} has a description`);
  const small = describeModels({ inputSize: 227, classes: 10 });
  t.ok(small.every((d) => d.inputSize === 227));
  t.equal(small[0].parameters, 60_965_224 - 990 * 4097, 'fc8 shrinks by 990 x (4096 + 1)');
  t.throws(() => describeModels({ inputSize: 16 }), /output is 0x0/);
});
