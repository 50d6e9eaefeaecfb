/**
 * The paper reference file (src/paper/paper-reference.json): the default row is the 5-CNN
 * ensemble's 16.4% top-5 on ILSVRC-2012, labelled so; ids are unique; the paper's Tables 1
 * and 2 and the third-party rows are there; an unknown id is an input error listing the ids.
 */
import t from 'tap';
import { InputError } from '../../src/core/errors.js';
import { loadReference, referenceIds, referenceRow } from '../../src/paper/reference.js';

t.test('the default row is the 5-CNN 16.4% top-5 ensemble row', async (t) => {
  const row = referenceRow(undefined, 'x.json: /reference');
  t.equal(row.id, 'ilsvrc2012-5cnn-val');
  t.equal(row.top5, 16.4);
  t.equal(row.nets, 5, 'an ensemble of 5 nets, not a single net');
  t.match(row.label, /5-CNN ensemble, 16\.4% top-5/);
});

t.test('rows: unique ids, both tables, third-party reproductions', async (t) => {
  const ids = referenceIds();
  t.equal(new Set(ids).size, ids.length, 'ids are unique');
  const rows = loadReference().rows;
  t.ok(rows.some((r) => r.where === 'Table 1'), 'Table 1 rows');
  t.ok(rows.some((r) => r.where === 'Table 2'), 'Table 2 rows');
  t.ok(rows.some((r) => r.thirdParty), 'third-party rows');
  t.equal(rows.find((r) => r.id === 'ilsvrc2010-cnn')?.top5, 17.0, 'Table 1: 1 CNN on ILSVRC-2010, 17.0% top-5');
});

t.test('an unknown id names the place and lists the ids', async (t) => {
  t.throws(() => referenceRow('imagenet-best', 'x.json: /reference'), InputError);
  t.throws(() => referenceRow('imagenet-best', 'x.json: /reference'), /x\.json: \/reference: "imagenet-best" is not a reference row; use .*"ilsvrc2012-5cnn-val"/);
});
