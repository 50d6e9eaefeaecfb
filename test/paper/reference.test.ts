/**
 * The paper reference file (src/paper/paper-reference.json): the default row is the paper's
 * single net on ILSVRC-2012 val (not an ensemble); ids are unique; the paper's Tables 1 and 2
 * and the third-party rows are there; every claim states its setting; an unknown id is an
 * input error listing the ids.
 */
import t from 'tap';
import { InputError } from '../../src/core/errors.js';
import { loadReference, referenceIds, referenceRow } from '../../src/paper/reference.js';

t.test('the default row is the single net of Table 2, not the 5-CNN ensemble', async (t) => {
  const row = referenceRow(undefined, 'x.json: /reference');
  t.equal(row.id, 'ilsvrc2012-1cnn-val');
  t.equal(row.nets, 1, 'a single net, like the runs it is set against');
  t.equal(row.top1, 40.7);
  t.equal(row.top5, 18.2);
  t.equal(row.crop, 'ten-crop');
  t.equal(row.dataset, 'ILSVRC-2012');
});

t.test('every claim states its setting; the towers claim compares the paper\'s two nets', async (t) => {
  const claims = loadReference().claims;
  for (const c of claims) {
    t.ok(c.setting.dataset && c.setting.net && c.setting.protocol, `${c.id}: data set, net and protocol`);
    t.ok(c.setting.formats.length > 0 && c.setting.variants.length > 0 && c.setting.minClasses > 0, `${c.id}: the fields that decide comparability`);
  }
  const towers = claims.filter((c) => c.id.startsWith('towers-'));
  t.same(towers.map((c) => [c.axis, c.better, c.worse]), [['variant', 'paper', 'paper-one-tower'], ['variant', 'paper', 'paper-one-tower']]);
  t.same(claims.filter((c) => c.id.startsWith('lrn-')).map((c) => [c.axis, c.better, c.worse]), [['normalization', 'lrn', 'none'], ['normalization', 'lrn', 'none'], ['normalization', 'lrn', 'none']]);
  const relu = claims.find((c) => c.id === 'relu-6x-faster')!;
  t.same(relu.tuneOver, ['learningRate'], 'the paper tuned each activation\'s learning rate');
  t.same([relu.setting.formats, relu.setting.variants], [['cifar10'], ['four-layer']]);
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

t.test('the ensemble claims (Table 2): 5 CNNs against one, and the 7-CNN row marked as another contrast', async (t) => {
  const ref = loadReference();
  const ensembles = ref.claims.filter((c) => c.kind === 'ensemble');
  t.same(ensembles.map((c) => [c.id, c.nets, c.metric, c.sameContrast ?? true]), [
    ['ensemble-5cnn-top1', 5, 'top1', true], ['ensemble-5cnn-top5', 5, 'top5', true], ['ensemble-7cnn-top1', 7, 'top1', false], ['ensemble-7cnn-top5', 7, 'top5', false],
  ]);
  for (const c of ensembles) {
    const { without, with: withNets } = c.absolute!;
    t.ok(Math.abs(withNets - without - c.deltaPoints!) < 1e-9, `${c.id}: the claimed difference is the two printed errors' (1e-9: decimal rounding)`);
  }
  const single = ref.rows.find((r) => r.id === 'ilsvrc2012-1cnn-val')!;
  t.same([ensembles[0]!.setting.dataset, ensembles[0]!.absolute!.without], [single.dataset, single.top1], 'the 5-CNN claim starts from the default row');
});
