/**
 * The layer table (src/models/layer-table.ts), from which bench/pytorch-reference.py builds
 * PyTorch twins, describes the net the builder makes: for every declared variant, with
 * and without batch normalization, the parameters it implies are the builder's count,
 * and LRN, pooling and dropout sit where the config puts them.
 */
import t from 'tap';
import { countParameters } from '../../src/models/geometry.js';
import { layerTable, type LayerTable } from '../../src/models/layer-table.js';
import { MODEL_VARIANTS, variantConfig } from '../../src/models/variants.js';
import { pytorchLrnParams } from '../../src/models/lrn.js';

/** What PyTorch's Conv2d(groups) + BatchNorm2d and Linear layers hold for this table. */
function twinParameters(table: LayerTable): number {
  const convs = table.convs.reduce((n, c) => n + c.kernelSize ** 2 * (c.inChannels / c.groups) * c.outChannels + c.outChannels + (c.batchNorm ? 2 * c.outChannels : 0), 0);
  return convs + table.dense.reduce((n, d) => n + d.inUnits * d.outUnits + d.outUnits, 0);
}

for (const variant of MODEL_VARIANTS) {
  for (const normalization of [undefined, 'batchnorm'] as const) {
    t.test(`${variant}${normalization ? ` with ${normalization}` : ''}`, async (t) => {
      const config = variantConfig(variant, { inputSize: 67, classes: 10, normalization });
      const table = layerTable(config);
      t.equal(twinParameters(table), countParameters(config), 'the twin has the builder\'s parameters');
      t.equal(table.dense.at(-1)!.outUnits, 10);
      t.equal(table.inputSize, 67);
      const lrnAt = table.convs.filter((c) => c.lrn !== null).map((c) => c.name);
      t.same(lrnAt, config.lrn === null ? [] : ['conv1', 'conv2'], 'LRN after conv1 and conv2 exactly when the config has it');
      if (config.lrn !== null) t.same(table.convs[0].lrn, pytorchLrnParams(config.lrn), 'in PyTorch\'s arguments');
      t.ok(table.convs.every((c) => c.pool === null || (c.pool.size === config.pool.size && c.pool.stride === config.pool.stride)));
      const dropped = table.dense.filter((d) => d.dropout !== null).length;
      t.equal(dropped, config.dropout > 0 ? config.fcUnits.length : 0, 'dropout at the hidden dense layers');
    });
  }
}
