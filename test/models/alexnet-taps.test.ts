/**
 * Taps (AlexNet.apply's `tap`): which tensors a tap sees, in which order, that keeping is
 * up to the tap, and that a tap changes no number. The tapped activations also pin down
 * the dropout placement exactly: the logits are fc8 applied to fc7's (dropped) output.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { deriveSeed } from '../../src/core/rng.js';
import { buildAlexNet, outputShapes, type AlexNet, type TapPoint } from '../../src/models/alexnet.js';
import type { AlexNetConfig } from '../../src/models/config.js';
import { LAYOUTS } from '../../src/models/layouts.js';
import { NORMALIZATIONS, NORMALIZATION_NAMES } from '../../src/models/normalizations.js';
import { MODEL_VARIANTS, variantConfig, type VariantOverrides } from '../../src/models/variants.js';

await tf.setBackend('cpu');

const SMALL: VariantOverrides = { inputSize: 67, classes: 10, widthFactor: 1 / 16 };

function input(config: AlexNetConfig): tf.Tensor4D {
  return tf.randomNormal([2, config.inputSize, config.inputSize, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
}

/** Runs apply with a tap that keeps every tensor it sees; returns them by "layer kind". */
function tapped(model: AlexNet, x: tf.Tensor4D, opts: { training: boolean; dropoutSeed?: number }) {
  const seen: Array<{ point: TapPoint; t: tf.Tensor }> = [];
  const logits = model.apply(x, { ...opts, tap: (point, t) => seen.push({ point, t: tf.keep(t) }) });
  return { logits, seen, byKey: new Map(seen.map((s) => [`${s.point.layer} ${s.point.kind}`, s.t])) };
}

for (const variant of MODEL_VARIANTS) {
  t.test(`${variant}: taps see each activation and each LRN input, and change nothing`, async (t) => {
    for (const normalization of NORMALIZATION_NAMES) {
      const config = variantConfig(variant, { ...SMALL, normalization });
      const start = tf.memory().numTensors;
      const model = buildAlexNet(config, { initSeed: 3 });
      const x = input(config);
      const plain = model.apply(x, { training: false });
      const before = tf.memory().numTensors;
      const silent = model.apply(x, { training: false, tap: () => undefined });
      t.equal(tf.memory().numTensors, before + 1, `${normalization}: a tap that keeps nothing leaks nothing`);
      t.same(Array.from(silent.dataSync()), Array.from(plain.dataSync()), `${normalization}: identical logits with a tap`);

      const { logits, seen, byKey } = tapped(model, x, { training: false });
      // An LRN input is its layer's activation output: one tensor, seen twice.
      const kept = new Set(seen.map((s) => s.t)).size;
      t.equal(tf.memory().numTensors, before + 2 + kept, 'the tap kept exactly what it chose');
      t.same(Array.from(logits.dataSync()), Array.from(plain.dataSync()));
      const convs = outputShapes(config).filter((s) => s.layer.startsWith('conv'));
      const normalized = new Set(NORMALIZATIONS[normalization].usesLrn ? ['conv1', 'conv2'] : []);
      const hidden = LAYOUTS[config.layout].hidden.map((d) => d.name);
      t.same(seen.map((s) => `${s.point.layer} ${s.point.kind}`), [
        ...convs.flatMap((c) => [`${c.layer} activation`, ...(normalized.has(c.layer) ? [`${c.layer} lrn-input`] : [])]),
        ...hidden.map((f) => `${f} activation`),
      ], 'in forward order');
      for (const c of convs) t.same(byKey.get(`${c.layer} activation`)!.shape, [2, c.sizePx, c.sizePx, c.channels], `${c.layer} shape`);
      for (const c of normalized) t.equal(byKey.get(`${c} lrn-input`), byKey.get(`${c} activation`), `${c}: LRN takes the activation output`);
      config.fcUnits.forEach((u, i) => t.same(byKey.get(`${hidden[i]} activation`)!.shape, [2, u]));

      tf.dispose([plain, silent, logits, x, ...seen.map((s) => s.t)]);
      model.dispose();
      t.equal(tf.memory().numTensors, start, 'all freed');
    }
  });
}

t.test('dropout placement, exactly: fc8 sees fc7\'s dropped output (paper) or its plain output (torchvision)', async (t) => {
  for (const placement of ['fc-outputs', 'fc-inputs'] as const) {
    const config = variantConfig('paper-one-tower', { ...SMALL, dropoutPlacement: placement });
    const model = buildAlexNet(config, { initSeed: 4 });
    const x = input(config);
    const { logits, seen, byKey } = tapped(model, x, { training: true, dropoutSeed: 21 });
    const w = (name: string) => model.weights.find((n) => n.name === name)!.variable;
    const expected = tf.tidy(() => {
      const fc7 = byKey.get('fc7 activation') as tf.Tensor2D;
      const fc8Input = placement === 'fc-outputs' ? tf.dropout(fc7, config.dropout, undefined, deriveSeed(21, 'fc7', 'dropout')) : fc7;
      return tf.add(tf.matMul(fc8Input, w('fc8/kernel') as tf.Tensor2D), w('fc8/bias'));
    });
    // The same ops on the same inputs on the cpu backend: equal bits, no tolerance needed.
    t.same(Array.from(logits.dataSync()), Array.from(expected.dataSync()), `${placement}: logits = fc8(${placement === 'fc-outputs' ? 'dropout(fc7)' : 'fc7'})`);
    tf.dispose([logits, expected, x, ...seen.map((s) => s.t)]);
    model.dispose();
  }
});
