/**
 * stepTensors (src/models/step-tensors.ts): the per-image tensors of one training step,
 * counted from the layer table, against what bench/wasm-heap.ts traced on the wasm engine,
 * and op by op for the paper net's first layer.
 */
import t from 'tap';
import { stepTensors, stepValues, type StepHolder } from '../../src/models/step-tensors.js';
import { variantConfig } from '../../src/models/variants.js';

const paper = variantConfig('paper', { inputSize: 227, classes: 1000 });

/**
 * Traced per image on the paper net at 227 px, 1000 classes, as the difference between
 * batch 16 and batch 8 at the first step's backward peak, divided by 8:
 *   BENCH_WASM_THREADS=2 node --import tsx bench/wasm-heap.ts --variant paper --input 227 --batch 8 --steps 1
 *   (and --batch 16), field backwardPeakBytes:
 *   tapeCopies 376,538,416 / 509,215,920 bytes: 4,146,172 values per image (the tape);
 *   backward 376,081,924 / 502,790,244 bytes: 3,959,635 values per image, of which the
 *   first layer's ReLU gradient was computing two 290,400-value temporaries (Step, Cast)
 *   at the peak: 3,378,835 gradient values.
 */
const TRACED = { saved: 4_146_172, gradient: 3_959_635 - 2 * 290_400 };

t.test('the paper net per image matches the traced tape and gradients', async (t) => {
  const values = stepValues(stepTensors(paper));
  // The loss and top-k tensors are counted as an upper bound of 8 saved and 2 gradient
  // values per class; everything else is exact, so the count may differ by 8 per class.
  const tolerance = 8 * paper.classes;
  for (const holder of ['saved', 'gradient'] as const) {
    t.ok(Math.abs(values[holder] - TRACED[holder]) <= tolerance, `${holder}: ${values[holder]} counted, ${TRACED[holder]} traced`);
  }
});

t.test("the paper net's first layer, op by op", async (t) => {
  const conv1 = (holder: StepHolder) => stepTensors(paper)
    .filter((s) => (s.layer === 'conv1' || s.layer === 'pool1') && s.holder === holder)
    .reduce((n, s) => n + s.valuesPerImage, 0);
  const input = 227 * 227 * 3;
  const v = 55 * 55 * 96;
  const pool = 27 * 27 * 96;
  // Conv2D saves x; Add, Relu save their input; LRN (two towers) saves input and output of
  // each half and Concat the halves; MaxPool its input and output.
  t.equal(conv1('saved'), input + v + v + 3 * v + v + pool);
  // Conv output + bias, activation, the towers' LRN (split, LRN, concat), the pooling.
  t.equal(conv1('forward'), v + v + v + v + pool);
  // The image has no gradient; Add's input shares its output's gradient.
  t.equal(conv1('gradient'), v + v + v + 2 * v + pool);
});

t.test('grouping, towers, batch normalization and dropout change what is counted', async (t) => {
  const count = (config: typeof paper, layer: string, tensor: string) =>
    stepTensors(config).filter((s) => s.layer === layer && s.tensor === tensor).length;
  t.equal(count(paper, 'conv2', 'input halves'), 1, 'a grouped layer: its input halves have gradients');
  t.equal(count(paper, 'conv1', 'input halves'), 0, 'the first layer: the image has no gradient');
  const oneTower = variantConfig('paper-one-tower', { inputSize: 227, classes: 1000 });
  t.equal(count(oneTower, 'conv1', 'LRN halves (Concat)'), 0, 'one tower: LRN is not split');
  const bn = variantConfig('paper', { inputSize: 227, classes: 1000, normalization: 'batchnorm' });
  t.equal(count(bn, 'conv3', 'batch normalization steps'), 2, 'batch normalization: saved and gradient entries');
  const owt = variantConfig('owt', { inputSize: 224, classes: 1000 });
  t.same(stepTensors(owt).filter((s) => s.tensor === 'dropout' && s.holder === 'saved').map((s) => s.valuesPerImage), [4 * 9216, 4 * 4096], 'dropout on the fc inputs: 4 saved values each');
  const noDropout = { ...paper, dropout: 0 };
  t.equal(stepTensors(noDropout).filter((s) => s.tensor === 'dropout').length, 0, 'no dropout, no dropout tensors');
});
