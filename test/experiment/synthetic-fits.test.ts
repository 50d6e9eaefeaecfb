/**
 * A synthetic data set too large for this machine is an input problem at resolution,
 * naming the file, the key and what fits, instead of a RangeError deep in the generator.
 */
import t from 'tap';
import { constants as bufferConstants } from 'node:buffer';
import { InputError } from '../../src/core/errors.js';
import { resolveExperiment } from '../../src/experiment/resolve.js';
import { bytesInWords } from '../../src/experiment/messages.js';
import { checkSyntheticFits, machineLimits } from '../../src/experiment/synthetic-fits.js';
import { validateExperimentText } from '../../src/experiment/validate.js';

const GiB = 2 ** 30;
/** 32x32x3 uint8 pixels and an int32 label: what src/data/synthetic.ts allocates per image. */
const IMAGE_BYTES_32 = 32 * 32 * 3 + 4;

t.test('sizes that fit give no problem', async (t) => {
  t.same(checkSyntheticFits('x.json', { imageSize: 32, trainSize: 2000, valSize: 500 }, { memoryBytes: GiB, maxArrayBytes: 4 * GiB }), []);
  // Exactly at the memory bound still fits (the bound is inclusive).
  const atBound = { memoryBytes: 1500 * IMAGE_BYTES_32, maxArrayBytes: 4 * GiB };
  t.same(checkSyntheticFits('x.json', { imageSize: 32, trainSize: 1000, valSize: 500 }, atBound), []);
});

t.test('more than memory names the larger split and how many images fit beside the other', async (t) => {
  const limits = { memoryBytes: 1500 * IMAGE_BYTES_32, maxArrayBytes: 4 * GiB };
  t.same(checkSyntheticFits('x.json', { imageSize: 32, trainSize: 1001, valSize: 500 }, limits), [
    `x.json: /dataset/trainSize: 1001 images of 32x32x3 and the 500 of valSize need ${bytesInWords(1501 * IMAGE_BYTES_32)}; ` +
      `this machine has ${bytesInWords(1500 * IMAGE_BYTES_32)}, room for at most 1000 beside those 500; use a smaller trainSize (synthetic data is generated whole in memory)`,
  ]);
  const [val] = checkSyntheticFits('x.json', { imageSize: 32, trainSize: 100, valSize: 2000 }, limits);
  t.match(val, /^x\.json: \/dataset\/valSize: 2000 images of 32x32x3 and the 100 of trainSize need .*room for at most 1400 beside those 100; use a smaller valSize/);
  // Not even one image fits: the image size is what to change.
  const [huge] = checkSyntheticFits('x.json', { imageSize: 100_000, trainSize: 1, valSize: 1 }, { memoryBytes: GiB, maxArrayBytes: 4 * GiB });
  t.match(huge, /room for at most 0 beside those 1; use a smaller imageSize/);
});

t.test("one split over the engine's longest typed array is named, with how many images one array holds", async (t) => {
  const limits = { memoryBytes: 64 * GiB, maxArrayBytes: 4 * GiB };
  const perArray = Math.floor((4 * GiB) / (32 * 32 * 3));
  t.same(checkSyntheticFits('x.json', { imageSize: 32, trainSize: 2_000_000, valSize: 500 }, limits), [
    `x.json: /dataset/trainSize: 2000000 images of 32x32x3 are 5.72 GiB in one array; this Node.js allows at most 4 GiB in one (${perArray} images of this size); use a smaller trainSize`,
  ]);
  t.same(checkSyntheticFits('x.json', { imageSize: 32, trainSize: perArray, valSize: 500 }, limits), [], 'exactly the longest array fits');
});

t.test("this machine's limits: its memory, and the typed array length this Node allows", async (t) => {
  const limits = machineLimits();
  t.ok(limits.memoryBytes > 0);
  t.equal(limits.maxArrayBytes, bufferConstants.MAX_LENGTH);
  t.throws(() => new Uint8Array(limits.maxArrayBytes + 1), RangeError, 'one byte more is not allowed');
});

t.test('resolution rejects a trainSize no machine holds, as an InputError (exit 2)', async (t) => {
  const experiment = { name: 'big', dataset: { format: 'synthetic', trainSize: 1e12 }, model: { variant: 'owt', inputSize: 32, stem: { kernelSize: 5, stride: 1, padding: 2 } }, training: { epochs: 1 }, seeds: [1] };
  const v = validateExperimentText(JSON.stringify(experiment), 'x.json');
  t.throws(() => resolveExperiment(v), InputError);
  try {
    resolveExperiment(v);
  } catch (e) {
    t.match((e as Error).message, /^x\.json: \/dataset\/trainSize: 1000000000000 images of 32x32x3 and the 500 of valSize need 2\.73 PiB; this machine has .*; use a smaller trainSize/);
  }
});

t.test('bytes in words', async (t) => {
  t.equal(bytesInWords(512), '512 bytes');
  t.equal(bytesInWords(4 * GiB), '4 GiB');
  t.equal(bytesInWords(1e12 * IMAGE_BYTES_32), '2.73 PiB');
});
