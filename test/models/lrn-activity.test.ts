import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildAlexNet } from '../../src/models/alexnet.js';
import { lrnActivity, lrnDivisorRatios, summarizeActivity } from '../../src/models/lrn-activity.js';
import { lrnConfig, type LrnAlphaReading, type LrnConfig } from '../../src/models/lrn.js';
import { variantConfig } from '../../src/models/variants.js';

await tf.setBackend('cpu');

// float32 sums of a few squares and a pow, against the same in double precision: a
// relative 1e-5 is ~100 float32 ulps, well above rounding, far below any formula error
// (alpha read the other way changes the ratios by percents).
const RELATIVE = 1e-5;

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= RELATIVE * Math.max(1, Math.abs(b));
}

/** The ratio at every element of an NHWC array, by loops in double precision, straight from the definition. */
function directRatios(a: Float32Array, shape: number[], p: { k: number; n: number; alpha: number; beta: number; reading: LrnAlphaReading; towers: number }): number[] {
  const channels = shape[3];
  const perTower = channels / p.towers;
  const radius = (p.n - 1) / 2;
  const perTerm = p.reading === 'formula' ? p.alpha : p.alpha / p.n;
  const out: number[] = [];
  for (let i = 0; i < a.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      const tower = Math.floor(c / perTower);
      const lo = Math.max(tower * perTower, c - radius);
      const hi = Math.min((tower + 1) * perTower - 1, c + radius);
      let sum = 0;
      for (let j = lo; j <= hi; j++) sum += a[i + j] * a[i + j];
      out.push(Math.pow(p.k + perTerm * sum, p.beta) / Math.pow(p.k, p.beta));
    }
  }
  return out;
}

function directSummary(values: number[]): { mean: number; p95: number } {
  const sorted = [...values].sort((x, y) => x - y);
  return { mean: values.reduce((s, v) => s + v, 0) / values.length, p95: sorted[Math.ceil(0.95 * sorted.length) - 1] };
}

t.test('ratios by hand: channels 1, 2, 3, 4, n = 3, k = 2, alpha = 0.1, beta = 0.75', async (t) => {
  const a = tf.tensor4d([1, 2, 3, 4], [1, 1, 1, 4]);
  const ratios = lrnDivisorRatios(a, lrnConfig({ k: 2, n: 3, alpha: 0.1, beta: 0.75, alphaReading: 'formula' }), 1);
  // Window sums 1+4 = 5, 1+4+9 = 14, 4+9+16 = 29, 9+16 = 25; (2 + 0.1 s)^0.75 / 2^0.75 = (1 + 0.05 s)^0.75.
  const expected = [5, 14, 29, 25].map((s) => Math.pow(1 + 0.05 * s, 0.75));
  Array.from(ratios.dataSync()).forEach((v, i) => t.ok(close(v, expected[i]), `channel ${i}: ${v} ~ ${expected[i]}`));
  tf.dispose([a, ratios]);
});

t.test('ratios equal the definition for both alpha readings, one and two towers', async (t) => {
  const shape = [2, 3, 3, 8];
  const a = tf.tidy(() => tf.mul(tf.randomNormal(shape, 0, 1, 'float32', 3), 4)) as tf.Tensor4D;
  const data = a.dataSync() as Float32Array;
  for (const reading of ['formula', 'cuda-convnet'] as const) {
    for (const towers of [1, 2]) {
      const lrn = lrnConfig({ k: 2, n: 5, alpha: 0.05, beta: 0.75, alphaReading: reading });
      const ratios = lrnDivisorRatios(a, lrn, towers);
      const got = Array.from(ratios.dataSync());
      const want = directRatios(data, shape, { ...lrn, reading, towers });
      t.ok(got.every((v, i) => close(v, want[i])), `${reading}, ${towers} tower(s): every element`);
      ratios.dispose();
    }
  }
  const formula = directRatios(data, shape, { k: 2, n: 5, alpha: 0.05, beta: 0.75, reading: 'formula', towers: 2 });
  const cuda = directRatios(data, shape, { k: 2, n: 5, alpha: 0.05, beta: 0.75, reading: 'cuda-convnet', towers: 2 });
  t.ok(directSummary(formula).mean > directSummary(cuda).mean * 1.05, 'the readings differ visibly at these values');
  a.dispose();
});

t.test('summaries: mean and nearest-rank 95th percentile', async (t) => {
  const values = Float32Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1
  t.same(summarizeActivity(values), { mean: 50.5, p95: 95 });
  t.same(summarizeActivity(Float32Array.of(3)), { mean: 3, p95: 3 });
  t.same(values[0], 100, 'the input is not reordered');
});

/** The model's LRN inputs, read through the activation taps (the same tensors). */
function lrnInputs(config: ReturnType<typeof variantConfig>, x: tf.Tensor4D, initSeed: number): Map<string, { data: Float32Array; shape: number[] }> {
  const model = buildAlexNet(config, { initSeed });
  const inputs = new Map<string, { data: Float32Array; shape: number[] }>();
  const logits = model.apply(x, { training: false, tap: (p, t) => {
    if (p.kind === 'lrn-input') inputs.set(p.layer, { data: t.dataSync() as Float32Array, shape: t.shape });
  } });
  logits.dispose();
  model.dispose();
  return inputs;
}

t.test('lrnActivity of a model: per LRN layer, against the definition (both readings, two towers)', async (t) => {
  for (const reading of ['formula', 'cuda-convnet'] as const) {
    // A large alpha so that LRN does visible work at these small activations.
    const lrn: LrnConfig = lrnConfig({ k: 2, n: 5, alpha: 0.5, beta: 0.75, alphaReading: reading });
    const config = variantConfig('paper', { inputSize: 67, classes: 10, widthFactor: 1 / 8, initStd: 0.1, lrn });
    t.equal(config.towers, 2);
    const x = tf.randomNormal([3, 67, 67, 3], 0, 1, 'float32', 11) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const model = buildAlexNet(config, { initSeed: 5 });
    const activity = await lrnActivity(model, x);
    model.dispose();
    t.equal(tf.memory().numTensors, before, `${reading}: no tensor left behind`);
    t.same(Object.keys(activity), ['conv1', 'conv2']);
    for (const [layer, input] of lrnInputs(config, x, 5)) {
      const want = directSummary(directRatios(input.data, input.shape, { ...lrn, reading, towers: 2 }));
      t.ok(close(activity[layer].mean, want.mean), `${reading} ${layer} mean: ${activity[layer].mean} ~ ${want.mean}`);
      t.ok(close(activity[layer].p95, want.p95), `${reading} ${layer} p95: ${activity[layer].p95} ~ ${want.p95}`);
      t.ok(activity[layer].p95 >= activity[layer].mean && activity[layer].mean > 1, `${reading} ${layer}: LRN divides`);
    }
    x.dispose();
  }
});

t.test('a model without LRN has no activity to report', async (t) => {
  const config = variantConfig('owt', { inputSize: 67, classes: 10, widthFactor: 1 / 16 });
  const model = buildAlexNet(config, { initSeed: 1 });
  const x = tf.zeros([1, 67, 67, 3]) as tf.Tensor4D;
  t.same(await lrnActivity(model, x), {});
  tf.dispose([x]);
  model.dispose();
});
