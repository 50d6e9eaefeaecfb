import t from 'tap';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { PAPER_LRN, localResponseNorm } from '../../src/models/lrn.js';
import {
  NORMALIZATIONS, NORMALIZATION_NAMES, isNormalization, normalizationOf, requireNormalization,
} from '../../src/models/normalizations.js';

await tf.setBackend('cpu');

t.test('the registry: names in order, each entry says where it acts', async (t) => {
  t.same([...NORMALIZATION_NAMES], Object.keys(NORMALIZATIONS));
  t.same([...NORMALIZATION_NAMES], ['lrn', 'none']);
  t.ok(Object.isFrozen(NORMALIZATIONS));
  t.same(normalizationOf('lrn').site, { layers: 'norm-slots', position: 'after-activation' }, 'LRN follows the activation (section 3.5)');
  t.equal(normalizationOf('lrn').usesLrn, true);
  t.equal(normalizationOf('none').site, null, '"none" acts nowhere');
  t.equal(normalizationOf('none').usesLrn, false);
  for (const name of NORMALIZATION_NAMES) t.ok(NORMALIZATIONS[name].description.length > 10, `${name} has a description`);
});

t.test('names are checked with a message listing the declared ones', async (t) => {
  t.ok(NORMALIZATION_NAMES.every(isNormalization));
  t.notOk(isNormalization('batchnorm'));
  t.throws(() => requireNormalization('batchnorm'), { message: 'normalization: "batchnorm" is not allowed; use "lrn" or "none"' });
  t.doesNotThrow(() => requireNormalization('none'));
});

t.test('the lrn entry applies LRN with the config\'s parameters', async (t) => {
  const x = tf.tensor4d([1, -2, 3, 4, -5, 6], [1, 1, 1, 6]);
  const viaRegistry = normalizationOf('lrn').apply(x, { lrn: { ...PAPER_LRN, alpha: 0.1, effectiveAlpha: 0.1 }, towers: 1 });
  const direct = localResponseNorm(x, { ...PAPER_LRN, alpha: 0.1, effectiveAlpha: 0.1 });
  t.same(Array.from(viaRegistry.dataSync()), Array.from(direct.dataSync()));
  t.notSame(Array.from(viaRegistry.dataSync()), Array.from(x.dataSync()), 'alpha 0.1 changes the values visibly');
  tf.dispose([x, viaRegistry, direct]);
});
