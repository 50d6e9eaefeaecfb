import t from 'tap';
import {
  LRN_NORMALIZATION_NAMES, NORMALIZATIONS, NORMALIZATION_NAMES, isNormalization, normalizationOf, requireNormalization,
} from '../../src/models/normalizations.js';

t.test('the registry: names in order, each entry says which ops it combines', async (t) => {
  t.same([...NORMALIZATION_NAMES], Object.keys(NORMALIZATIONS));
  t.same([...NORMALIZATION_NAMES], ['lrn', 'none', 'batchnorm', 'lrn+batchnorm']);
  t.ok(Object.isFrozen(NORMALIZATIONS));
  const ops = (name: (typeof NORMALIZATION_NAMES)[number]) => ({ lrn: normalizationOf(name).usesLrn, batchNorm: normalizationOf(name).usesBatchNorm });
  t.same(ops('lrn'), { lrn: true, batchNorm: false }, 'LRN after the activation of the slots (section 3.5)');
  t.same(ops('none'), { lrn: false, batchNorm: false }, '"none" acts nowhere');
  t.same(ops('batchnorm'), { lrn: false, batchNorm: true }, 'batch normalization instead of LRN');
  t.same(ops('lrn+batchnorm'), { lrn: true, batchNorm: true }, 'both');
  t.same([...LRN_NORMALIZATION_NAMES], ['lrn', 'lrn+batchnorm'], 'the ones that take LRN\'s parameters');
  for (const name of NORMALIZATION_NAMES) t.ok(NORMALIZATIONS[name].description.length > 10, `${name} has a description`);
});

t.test('names are checked with a message listing the declared ones', async (t) => {
  t.ok(NORMALIZATION_NAMES.every(isNormalization));
  t.notOk(isNormalization('layernorm'));
  t.throws(() => requireNormalization('layernorm'), { message: 'normalization: "layernorm" is not allowed; use "lrn", "none", "batchnorm" or "lrn+batchnorm"' });
  t.doesNotThrow(() => requireNormalization('none'));
});
