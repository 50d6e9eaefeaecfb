/**
 * netMemory (models/memory.ts) against hand counts: a tiny four-layer net with and without
 * LRN, the paper's net at 227 px and batch 128 (its parameter bytes against
 * countParameters), and dropout counted where each placement puts it.
 */
import t from 'tap';
import { countParameters } from '../../src/models/geometry.js';
import { describeMemory, keptActivations, netMemory } from '../../src/models/memory.js';
import { MODEL_VARIANTS, variantConfig } from '../../src/models/variants.js';

t.test('a tiny four-layer net, counted by hand', async (t) => {
  // 16 px, 5x5/1 "same" convs of 2-2-4 kernels, 3/2 pooling: 16 -> pool1 7 -> pool2 3 -> pool3 1.
  const config = variantConfig('four-layer', { inputSize: 16, classes: 3, kernels: [2, 2, 4] });
  const m = netMemory(config, { batchSize: 2 });
  // conv1 5*5*3*2 + 2, conv2 5*5*2*2 + 2, conv3 5*5*2*4 + 4, fc4 4*3 + 3.
  t.equal(m.parameters, 152 + 102 + 204 + 15);
  t.same(keptActivations(config).map((a) => `${a.layer} ${a.tensor} ${a.valuesPerImage}`), [
    'input input 768', // 16*16*3
    'conv1 pre-activation 512', 'conv1 activation 512', 'pool1 pool 98', // 16*16*2, 7*7*2
    'conv2 pre-activation 98', 'conv2 activation 98', 'pool2 pool 18', // 3*3*2
    'conv3 pre-activation 36', 'conv3 activation 36', 'pool3 pool 4', // 3*3*4, 1*1*4
    'fc4 logits 3',
  ]);
  t.same({ ...m, activations: undefined }, {
    batchSize: 2, parameters: 473, parameterBytes: 473 * 4, gradientBytes: 473 * 4, optimizerBytes: 473 * 4,
    activationBytes: 2183 * 2 * 4, totalBytes: 3 * 473 * 4 + 2183 * 2 * 4, activations: undefined,
  });
  const lrn = netMemory(variantConfig('four-layer', { inputSize: 16, classes: 3, kernels: [2, 2, 4], normalization: 'lrn' }), { batchSize: 2 });
  t.equal(lrn.activationBytes - m.activationBytes, (512 + 98) * 2 * 4, 'LRN keeps one more output at conv1 and conv2');
});

t.test("the paper's net at 227 px, batch 128", async (t) => {
  const config = variantConfig('paper', {});
  const m = netMemory(config, { batchSize: 128 });
  t.equal(m.parameters, countParameters(config));
  t.equal(m.parameterBytes, 60_965_224 * 4, '61 M parameters at 4 bytes');
  const perImage =
    227 * 227 * 3 + // input
    3 * 55 * 55 * 96 + 27 * 27 * 96 + // conv1 pre, act, LRN; pool1
    3 * 27 * 27 * 256 + 13 * 13 * 256 + // conv2 pre, act, LRN; pool2
    2 * 13 * 13 * 384 + 2 * 13 * 13 * 384 + // conv3, conv4 pre and act
    2 * 13 * 13 * 256 + 6 * 6 * 256 + // conv5 pre and act; pool5
    3 * 4096 + 3 * 4096 + // fc6, fc7 pre, act, dropout
    1000; // logits
  t.equal(perImage, 2_079_811);
  t.equal(m.activationBytes, perImage * 128 * 4);
  t.equal(m.totalBytes, 3 * 60_965_224 * 4 + perImage * 128 * 4);
  t.equal(m.totalBytes, 1_796_445_920, 'about 1.7 GiB');
});

t.test('dropout is counted where it acts, and not without it', async (t) => {
  const dropouts = (name: 'paper' | 'owt', dropout?: number) =>
    keptActivations(variantConfig(name, { dropout })).filter((a) => a.tensor === 'dropout').map((a) => `${a.layer} ${a.valuesPerImage}`);
  t.same(dropouts('paper'), ['fc6 4096', 'fc7 4096'], 'the paper: on the outputs of fc6 and fc7');
  t.same(dropouts('owt'), ['fc6 9216', 'fc7 4096'], 'torchvision: on the inputs of fc6 and fc7');
  t.same(dropouts('paper', 0), [], 'none at rate 0');
});

t.test('every declared variant, and a bad batch size', async (t) => {
  const rows = describeMemory({ batchSize: 64, classes: 10 });
  t.same(rows.map((r) => r.name), MODEL_VARIANTS);
  for (const r of rows) {
    t.equal(r.memory.parameters, countParameters(variantConfig(r.name, { classes: 10 })), `${r.name}: parameters`);
    t.equal(r.inputSize, variantConfig(r.name, {}).inputSize, `${r.name}: its own input size`);
  }
  t.throws(() => netMemory(variantConfig('paper', {}), { batchSize: 0 }), /batchSize must be a positive integer, got 0/);
});
