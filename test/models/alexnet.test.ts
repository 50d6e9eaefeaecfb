/**
 * Builds and runs every declared variant, crossed with one flip of each ablation axis
 * (every other declared activation and normalization, the other LRN alpha reading, towers,
 * dropout and its placement, pooling) where it applies to the variant, at 67 px and 1/16
 * width so the whole matrix runs in seconds on the cpu backend. Parameters are the
 * trainable weights (batch normalization's gamma and beta included); its running
 * statistics are model state, counted apart.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '../../src/engine/gradients.js';
import { buildAlexNet, countParameters, countStateValues, type AlexNet } from '../../src/models/alexnet.js';
import type { AlexNetConfig } from '../../src/models/config.js';
import { ACTIVATION_NAMES } from '../../src/models/activations.js';
import { convLayers } from '../../src/models/geometry.js';
import { LAYOUTS } from '../../src/models/layouts.js';
import { lrnConfig } from '../../src/models/lrn.js';
import { NORMALIZATION_NAMES } from '../../src/models/normalizations.js';
import { MODEL_VARIANTS, VARIANT_DEFAULTS, variantConfig, type VariantOverrides } from '../../src/models/variants.js';

await tf.setBackend('cpu');
// tfjs-core's Node bundle registers no gradient functions: the engine module loads them.
await ensureGradients();

const SMALL: VariantOverrides = { inputSize: 67, classes: 10, widthFactor: 1 / 16 };
const BATCH = 2;

/** overrides returns null where the flip is no change for this preset (skipped). */
type Flip = { label: string; overrides: (preset: AlexNetConfig) => VariantOverrides | null };

/** Every declared activation other than the presets' own. */
const ACTIVATION_FLIPS: Flip[] = ACTIVATION_NAMES.filter((a) => a !== VARIANT_DEFAULTS.activation).map((a) => ({
  label: a,
  overrides: () => ({ activation: a }),
}));

/** The other tower count, where the layout has grouped layers. */
function towersFlip(p: AlexNetConfig): VariantOverrides | null {
  const other = p.towers === 1 ? 2 : 1;
  const allowed: readonly number[] = LAYOUTS[p.layout].towers;
  return allowed.includes(other) ? { towers: other } : null;
}

/** Every declared normalization other than the preset's own. */
const NORMALIZATION_FLIPS: Flip[] = NORMALIZATION_NAMES.map((n) => ({
  label: `normalization ${n}`,
  overrides: (p) => (p.normalization === n ? null : { normalization: n }),
}));

/** Each flip changes one axis away from the preset's own value. */
const FLIPS: Flip[] = [
  { label: 'preset', overrides: () => ({}) },
  ...ACTIVATION_FLIPS,
  ...NORMALIZATION_FLIPS,
  { label: 'towers flipped', overrides: (p) => towersFlip(p) },
  { label: 'no dropout', overrides: (p) => (p.dropout === 0 ? null : { dropout: 0 }) },
  { label: 'LRN alpha read as cuda-convnet', overrides: (p) => (p.lrn === null ? null : { lrn: lrnConfig({ ...p.lrn, alphaReading: 'cuda-convnet' }) }) },
  { label: 'dropout placement flipped', overrides: (p) => (p.dropout === 0 ? null : { dropoutPlacement: p.dropoutPlacement === 'fc-inputs' ? 'fc-outputs' : 'fc-inputs' }) },
  { label: 'non-overlapping pool', overrides: () => ({ pool: { size: 2, stride: 2 } }) },
];

/** Conv biases followed by batch normalization, which subtracts each channel's mean and so cancels them. */
const BN_BIASES = (config: AlexNetConfig) => new Set(convLayers(config).filter((c) => c.batchNorm).map((c) => `${c.name}/bias`));
/**
 * Their gradient is 0 in exact arithmetic (the sum over a channel of BN's input gradient,
 * whose terms cancel); in float32 what is left is the rounding of that sum, at most about
 * n * 6e-8 of beta's gradient for n summed positions: 5.4e-4 for the largest map here
 * (conv1 of the four-layer net, 2 x 67 x 67), measured up to 8e-5. An uncancelled bias would get a gradient the size of beta's.
 */
const BN_BIAS_GRADIENT = 1e-3;

function input(config: AlexNetConfig, seed = 7): tf.Tensor4D {
  return tf.randomNormal([BATCH, config.inputSize, config.inputSize, 3], 0, 1, 'float32', seed) as tf.Tensor4D;
}

function loss(model: AlexNet, x: tf.Tensor4D, dropoutSeed: number): tf.Scalar {
  const logits = model.apply(x, { training: true, dropoutSeed });
  const labels = tf.oneHot(tf.tensor1d([1, 3], 'int32'), model.config.classes);
  return tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
}

function values(model: AlexNet): Float32Array[] {
  return model.weights.map((w) => w.variable.dataSync() as Float32Array);
}

/** Bitwise equality of two weight arrays (t.same renders huge diffs for 80k-element arrays). */
function identical(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

for (const variant of MODEL_VARIANTS) {
  for (const flip of FLIPS) {
    const overrides = flip.overrides(variantConfig(variant));
    if (overrides === null) continue;
    t.test(`${variant} / ${flip.label}`, async (t) => {
      const config = variantConfig(variant, { ...SMALL, ...overrides });
      const x = input(config);
      const start = tf.memory().numTensors;
      const model = buildAlexNet(config, { initSeed: 42 });
      const built = tf.memory().numTensors;
      t.equal(built - start, model.weights.length + model.state.length, 'one tensor per weight and state variable, nothing else kept');
      t.equal(model.weights.reduce((n, w) => n + w.variable.size, 0), countParameters(config), 'built = analytic parameter count');
      t.equal(model.state.reduce((n, w) => n + w.variable.size, 0), countStateValues(config), 'state = analytic count');
      t.ok(model.weights.every((w) => w.variable.trainable) && model.state.every((w) => !w.variable.trainable), 'weights trainable, state not');

      const logits = tf.tidy(() => model.apply(x, { training: true, dropoutSeed: 3 }));
      t.same(logits.shape, [BATCH, config.classes]);
      t.ok(Array.from(logits.dataSync()).every(Number.isFinite), 'no NaN or Infinity');
      logits.dispose();
      const eval1 = model.apply(x, { training: false });
      t.equal(tf.memory().numTensors, built + 1, 'apply outside tidy keeps only its result');
      eval1.dispose();

      const zeroGrad: string[] = [];
      const cancelled: string[] = [];
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => loss(model, x, 5), model.weights.map((w) => w.variable));
        t.ok(Number.isFinite(value.dataSync()[0]), 'finite loss');
        const largest = (name: string) => {
          const g = grads[model.weights.find((w) => w.name === name)!.variable.name];
          return g ? tf.max(tf.abs(g)).dataSync()[0] : 0;
        };
        const bnBiases = BN_BIASES(config);
        for (const w of model.weights) {
          if (!bnBiases.has(w.name)) {
            if (largest(w.name) === 0) zeroGrad.push(w.name);
          } else if (!(largest(w.name) <= BN_BIAS_GRADIENT * largest(w.name.replace('/bias', '/bn/beta')))) {
            cancelled.push(w.name);
          }
        }
      });
      t.same(zeroGrad, [], 'a nonzero gradient reaches every trainable weight');
      t.same(cancelled, [], 'batch normalization cancels the conv bias: its gradient is rounding noise');
      t.equal(tf.memory().numTensors, built, 'no tensors leaked by apply or gradients');

      model.dispose();
      t.equal(tf.memory().numTensors, start, 'dispose frees every weight');
      x.dispose();
    });
  }
}

t.test('weights: stable names, fixed order, the paper init (section 5)', async (t) => {
  const config = variantConfig('paper', { ...SMALL, widthFactor: 1 / 4, positiveBias: 0.5 });
  const model = buildAlexNet(config, { initSeed: 1 });
  const layers = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'];
  t.same(model.weights.map((w) => w.name), layers.flatMap((l) => [`${l}/kernel`, `${l}/bias`]));
  const positive = new Set(['conv2/bias', 'conv4/bias', 'conv5/bias', 'fc6/bias', 'fc7/bias']);
  for (const w of model.weights) {
    const v = w.variable.dataSync() as Float32Array;
    if (w.name.endsWith('/bias')) {
      const want = positive.has(w.name) ? 0.5 : 0;
      t.ok(v.every((b) => b === want), `${w.name} is ${want}`);
    } else if (v.length > 1000) {
      const mean = v.reduce((a, b) => a + b, 0) / v.length;
      const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length);
      t.ok(Math.abs(std - 0.01) < 0.001 && Math.abs(mean) < 0.001, `${w.name} ~ N(0, 0.01): mean ${mean}, std ${std}`);
    }
    t.ok(w.variable.trainable, `${w.name} is trainable`);
  }
  t.equal(model.weights[2].variable.shape[2], config.kernels[0] / 2, 'conv2 kernel holds cin / towers inputs');
  model.dispose();
  const four = buildAlexNet(variantConfig('four-layer', { classes: 10, positiveBias: 0.5 }), { initSeed: 1 });
  t.same(four.weights.map((w) => w.name), ['conv1', 'conv2', 'conv3', 'fc4'].flatMap((l) => [`${l}/kernel`, `${l}/bias`]));
  const biases = four.weights.filter((w) => w.name.endsWith('/bias'));
  t.ok(biases.every((w) => (w.variable.dataSync() as Float32Array).every((b) => b === 0)), 'four-layer: every bias starts at 0');
  four.dispose();
});

t.test('batch normalization: gamma and beta after each conv layer\'s bias, running statistics as state', async (t) => {
  const plain = buildAlexNet(variantConfig('paper', SMALL), { initSeed: 1 });
  const bn = buildAlexNet(variantConfig('paper', { ...SMALL, normalization: 'lrn+batchnorm' }), { initSeed: 1 });
  const convs = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5'];
  const layers = ['conv1', 'conv2', 'conv3', 'conv4', 'conv5', 'fc6', 'fc7', 'fc8'];
  t.same(bn.weights.map((w) => w.name), layers.flatMap((l) => [`${l}/kernel`, `${l}/bias`, ...(convs.includes(l) ? [`${l}/bn/gamma`, `${l}/bn/beta`] : [])]));
  t.same(bn.state.map((w) => w.name), convs.flatMap((l) => [`${l}/bn/mean`, `${l}/bn/variance`]));
  t.same(plain.state, [], 'no state without batch normalization');
  const all = (m: AlexNet, suffix: string, value: number) => [...m.weights, ...m.state].filter((w) => w.name.endsWith(suffix)).every((w) => (w.variable.dataSync() as Float32Array).every((v) => v === value));
  t.ok(all(bn, '/bn/gamma', 1) && all(bn, '/bn/beta', 0), 'gamma starts at 1, beta at 0');
  t.ok(all(bn, '/bn/mean', 0) && all(bn, '/bn/variance', 1), 'running mean starts at 0, variance at 1');
  const byName = new Map(bn.weights.map((w) => [w.name, w.variable.dataSync() as Float32Array]));
  t.ok(plain.weights.every((w) => identical(w.variable.dataSync() as Float32Array, byName.get(w.name)!)), 'the other weights draw exactly what they draw without it');
  [plain, bn].forEach((m) => m.dispose());
});

t.test('same initSeed gives identical weights, another seed different ones', async (t) => {
  const config = variantConfig('paper', SMALL);
  const [a, b, c] = [42, 42, 43].map((initSeed) => buildAlexNet(config, { initSeed }));
  const [va, vb, vc] = [a, b, c].map(values);
  a.weights.forEach((w, i) => {
    t.ok(identical(va[i], vb[i]), `${w.name}: same seed, same values`);
    if (w.name.endsWith('/kernel')) t.notOk(identical(va[i], vc[i]), `${w.name} differs with another seed`);
  });
  // Seeds derive from each weight's name, so two layers never share their first draws.
  t.notOk(identical(va[4].slice(0, 64), va[6].slice(0, 64)), 'conv3 and conv4 draw from their own streams');
  [a, b, c].forEach((m) => m.dispose());
});

t.test('dropout: seeded while training, identity in evaluation', async (t) => {
  const config = variantConfig('owt', SMALL);
  const model = buildAlexNet(config, { initSeed: 9 });
  const noDropout = buildAlexNet({ ...config, dropout: 0 }, { initSeed: 9 });
  const x = input(config);
  const run = (m: AlexNet, training: boolean, dropoutSeed?: number) =>
    tf.tidy(() => Array.from(m.apply(x, { training, dropoutSeed }).dataSync()));
  t.same(run(model, true, 11), run(model, true, 11), 'same dropout seed, same output');
  t.notSame(run(model, true, 11), run(model, true, 12), 'another dropout seed, another output');
  const evaluation = run(model, false);
  t.same(run(model, false, 12), evaluation, 'training=false ignores the seed');
  t.same(evaluation, run(noDropout, false), 'training=false equals the net without dropout');
  t.same(evaluation, run(noDropout, true, 11), 'dropout 0 is identity even while training');
  t.notSame(run(model, true, 11), evaluation, 'training=true does drop');
  t.throws(() => model.apply(x, { training: true }), /needs an integer dropoutSeed/);
  t.doesNotThrow(() => tf.tidy(() => noDropout.apply(x, { training: true })), 'no seed needed without dropout');
  [model, noDropout, x].forEach((d) => d.dispose());
});

t.test('dropout placement: outputs (the paper) and inputs (torchvision) drop different units, agree in evaluation', async (t) => {
  const outputs = variantConfig('paper-one-tower', SMALL);
  t.equal(outputs.dropoutPlacement, 'fc-outputs');
  const a = buildAlexNet(outputs, { initSeed: 9 });
  const b = buildAlexNet({ ...outputs, dropoutPlacement: 'fc-inputs' }, { initSeed: 9 });
  const x = input(outputs);
  const run = (m: AlexNet, training: boolean, dropoutSeed?: number) =>
    tf.tidy(() => Array.from(m.apply(x, { training, dropoutSeed }).dataSync()));
  t.same(run(a, false), run(b, false), 'same weights, same evaluation: placement only matters while training');
  t.same(run(a, true, 11), run(a, true, 11), 'seeded');
  t.notSame(run(a, true, 11), run(b, true, 11), 'another placement, another training output');
  [a, b, x].forEach((d) => d.dispose());
});

t.test('bad inputs and use after dispose are clear errors', async (t) => {
  const config = variantConfig('paper-one-tower', SMALL);
  const model = buildAlexNet(config, { initSeed: 2 });
  const wrong = tf.zeros([1, 64, 64, 3]) as tf.Tensor4D;
  t.throws(() => model.apply(wrong, { training: false }), /input is float32 \[1,64,64,3\]; expected float32 \[batch, 67, 67, 3\]/);
  wrong.dispose();
  model.dispose();
  model.dispose();
  const x = input(config);
  t.throws(() => model.apply(x, { training: false }), /disposed/);
  x.dispose();
  t.throws(() => buildAlexNet(variantConfig('paper', { inputSize: 32 }), { initSeed: 1 }), /pool2 output is 0x0 for inputSize 32/);
  t.throws(() => buildAlexNet(config, { initSeed: 1.5 }), /initSeed/);
});

t.test('the model keeps its own copy of the config', async (t) => {
  const config = variantConfig('owt', SMALL);
  const model = buildAlexNet(config, { initSeed: 4 });
  config.activation = 'tanh';
  config.classes = 3;
  t.equal(model.config.activation, 'relu');
  t.equal(model.config.classes, 10);
  model.dispose();
});
