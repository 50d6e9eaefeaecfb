/**
 * Reference rows are set only against results of their kind: the same data set (another one
 * is marked "not comparable" in the tables, the figure and the LaTeX caption), the same crop,
 * and ensemble rows only against ensembles of as many nets. Models are built from hand-written
 * results; no figure is rendered.
 */
import t, { type Test } from 'tap';
import { buildModel, type ReportModel } from '../../src/report/model.js';
import { readResultsFolder } from '../../src/report/results-view.js';
import { finalErrorsChart } from '../../src/report/charts/final-errors.js';
import { referenceTable, shownReferences, variantTable } from '../../src/report/tables.js';
import { resultsLatex } from '../../src/report/latex.js';
import { lrnGrid, writeResults, type FakeExperiment } from '../helpers/results.js';

const IMAGENET = { format: 'imagenet-folder', classes: 1000, trainLimitPerClass: null, valLimitPerClass: null };
const SYNTHETIC = { format: 'synthetic', classes: 10, trainSize: 1000, valSize: 500 };

function model(t: Test, experiments: FakeExperiment[]): ReportModel {
  const dir = writeResults(t.testdir({}), experiments);
  return buildModel(readResultsFolder(dir), { folders: [dir], out: 'report' });
}

/** An LRN grid on a data set, optionally with ten-crop errors and ensembles. */
function grid(name: string, dataset: Record<string, unknown>, extra: Partial<FakeExperiment> = {}, tenCrop = false): FakeExperiment {
  const g = lrnGrid(name, [0.3, 0.31], [0.35, 0.36]);
  return { ...g, dataset, runs: g.runs.map((r) => ({ ...r, ...(tenCrop ? { valTenCrop: { top1: r.valTop1 - 0.02, top5: 0.1 }, evaluation: { topK: [1, 5], tenCrop: true } } : {}) })), ...extra };
}

t.test('a row of another data set is marked not comparable in the text, tables, figure and LaTeX', async (t) => {
  const m = model(t, [grid('syn', SYNTHETIC)]);
  const s = m.experiments[0]!;
  t.equal(s.reference.id, 'ilsvrc2012-1cnn-val', 'the default row: the paper\'s single net');
  t.equal(s.comparison.sameDataset, false);
  t.match(s.referenceNote, /^NOT comparable: the row is on ILSVRC-2012, these results on synthetic \(10 classes\)/);
  const rows = referenceTable(shownReferences(m), m).rows;
  t.ok(rows.every((r) => r[7]!.startsWith('not comparable (ILSVRC-2012 vs synthetic (10 classes))')), 'every ILSVRC row, third-party ones too');
  const chart = finalErrorsChart(s)!;
  t.match(JSON.stringify(chart.spec), /NOT comparable: the row is on ILSVRC-2012, these results on synthetic \(10 classes\)/, 'the figure subtitle');
  t.match(chart.caption, /NOT comparable/);
  t.match(resultsLatex(m), /paper: ILSVRC-2012 val, 1 CNN \(Table 2\) \(not comparable: ILSVRC-2012\)/, 'the LaTeX table row');
});

t.test('ImageNet results: a ten-crop row against ten-crop errors, a centre-crop row against centre-crop errors', async (t) => {
  const centreOnly = model(t, [grid('centre', IMAGENET)]).experiments[0]!;
  t.equal(centreOnly.comparison.sameDataset, true);
  t.equal(centreOnly.comparison.against, 'nothing', 'no ten-crop evaluation: nothing is like for like with the ten-crop row');
  t.match(centreOnly.referenceNote, /no single net here was evaluated with a ten-crop \(evaluation\.tenCrop\), so nothing here is like for like/);
  const m = model(t, [grid('ten', IMAGENET, {}, true)]);
  const ten = m.experiments[0]!;
  t.equal(ten.comparison.against, 'single nets, ten-crop');
  t.same(variantTable(ten).head.slice(5, 7), ['ten-crop top-1 (%)', 'ten-crop top-5 (%)'], 'ten-crop columns appear');
  const third = referenceTable(shownReferences(m), m).rows.find((r) => r[0]!.startsWith('torchvision'))!;
  t.equal(third[7], 'single nets, centre crop', 'torchvision\'s centre-crop row against the centre-crop errors');
  t.match(JSON.stringify(finalErrorsChart(ten)!.spec), /like for like only with: single nets, ten-crop/);
});

t.test('an ensemble row only against ensembles of as many nets, with its crop', async (t) => {
  const two = model(t, [grid('two', IMAGENET, { reference: 'ilsvrc2012-5cnn-val', ensembles: [{ id: 'e2', members: ['on-1', 'on-2'], top1: 0.25, top5: 0.1, crop: 'ten-crop' }] })]).experiments[0]!;
  t.equal(two.comparison.against, 'nothing');
  t.match(two.referenceNote, /single-net variants are NOT like for like with it; no ten-crop ensemble of 5 nets was evaluated/);
  const members = ['on-1', 'on-2', 'off-1', 'off-2', 'x'];
  const five = model(t, [grid('five', IMAGENET, { reference: 'ilsvrc2012-5cnn-val', ensembles: [{ id: 'e5', members, top1: 0.25, top5: 0.1, crop: 'ten-crop' }, { id: 'c5', members, top1: 0.26, top5: 0.11 }] })]).experiments[0]!;
  t.equal(five.comparison.against, 'ensembles of 5 nets, ten-crop');
  t.match(five.referenceNote, /the ten-crop ensembles of 5 nets below \(e5\) are the like-for-like comparison/, 'the centre-crop ensemble of 5 is not');
});
