/**
 * GEMM launch geometry (no GPU needed): split-K and block choice for the AlexNet
 * layers at 224 px, batch 128, and the i32 bounds the shader relies on.
 */
import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import { GemmProgram, TILE_K, blockFor, chooseSplits } from '../../../src/engine/webgpu-kernels/gemm-program.js';
import { filterGradSpec, inputGradSpec } from '../../../src/engine/webgpu-kernels/conv-gemm.js';

// [input size, in channels, out channels, kernel, stride, pad] of conv1..conv5 at 224 px.
const LAYERS: [number, number, number, number, number, number][] = [
  [224, 3, 64, 11, 4, 2],
  [27, 64, 192, 5, 1, 2],
  [13, 192, 384, 3, 1, 1],
  [13, 384, 256, 3, 1, 1],
  [13, 256, 256, 3, 1, 1],
];

for (const [size, ci, co, k, stride, pad] of LAYERS) {
  const info = tf.backend_util.computeConv2DInfo([128, size, size, ci], [k, k, ci, co], stride, 1, pad);
  for (const spec of [filterGradSpec(info), inputGradSpec(info)]) {
    t.test(`${spec.key}`, async (t) => {
      const splits = chooseSplits(spec);
      t.ok(splits >= 1 && splits <= 64, `splits ${splits} in 1..64`);
      const program = new GemmProgram(spec, splits);
      const tile = 16 * blockFor(spec);
      t.same(program.dispatch, [Math.ceil(spec.n / tile), Math.ceil(spec.m / tile), splits]);
      // Every k lands in exactly one split: the chunks are whole K tiles and cover K.
      const kChunk = Math.ceil(Math.ceil(spec.k / TILE_K) / splits) * TILE_K;
      t.ok(kChunk * splits >= spec.k, 'the splits cover K');
      t.ok(splits * spec.m * spec.n < 2 ** 31, 'the partial buffer is indexable with i32');
      t.equal(spec.m * spec.n, spec.outShape.reduce((a, b) => a * b, 1), 'C is the output, row-major');
    });
  }
}

t.test('the filter gradients, with their huge K, are split; a big C is not', async (t) => {
  const conv2 = tf.backend_util.computeConv2DInfo([128, 27, 27, 64], [5, 5, 64, 192], 1, 1, 2);
  t.ok(chooseSplits(filterGradSpec(conv2)) > 1, 'conv2 dW is split');
  t.equal(chooseSplits(inputGradSpec(conv2)), 1, 'conv2 dX (93 312 x 64 outputs) is not');
  t.equal(blockFor(filterGradSpec(conv2)), 8, 'conv2 dW (1600 x 192) takes 8x8 blocks');
});
