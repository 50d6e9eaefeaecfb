/**
 * The study's four questions on constructed results: each section's rows (dropout measured on
 * the eval-mode training error, ten-patch testing, early stopping, batch norm, ensembles
 * against their members, time to target per activation with gradients, memory with a perf
 * record), the findings written from them, the new charts, and every section left out
 * when its data is absent. The numbers sit far from every verdict boundary, so no test
 * depends on a tolerance unless it says so.
 */
import t from 'tap';
import { buildModel, type ReportModel } from '../../../src/report/model.js';
import { readResultsFolders } from '../../../src/report/results-view.js';
import { perfMeasurements } from '../../../src/results/perf-measurements.js';
import { studySectionList } from '../../../src/report/study/sections.js';
import { reportCharts } from '../../../src/report/charts/index.js';
import { findingsMarkdown, resultsMarkdown } from '../../../src/report/markdown.js';
import { reportHtml } from '../../../src/report/html.js';
import { writePerfRecord, writeResults, type FakeExperiment } from '../../helpers/results.js';
import { exp, SEEDS, studyExperiments } from '../../helpers/study-results.js';
import { reportFiles } from '../../../src/report/build-report.js';

const dropoutOnly = () => studyExperiments()[0]!.runs;

type StudyReport = ReportModel & Required<Pick<ReportModel, 'study' | 'findings'>>;

function plainModel(dir: string, experiments: FakeExperiment[], perf = false): ReportModel {
  writeResults(dir, experiments);
  if (perf) writePerfRecord(dir, 'paper-227-b32');
  return buildModel(readResultsFolders([dir]), { folders: [dir], out: 'rep', perf: perfMeasurements([dir]) });
}

/** The model of results with study data: its study and findings are there. */
function model(dir: string, experiments: FakeExperiment[], perf = false): StudyReport {
  const m = plainModel(dir, experiments, perf);
  if (!m.study || !m.findings) throw new Error('no study in the model');
  return m as StudyReport;
}

t.test('Question 1: dropout measured on the eval-mode training error, ten-patch testing', async (t) => {
  const m = model(t.testdir({}), studyExperiments(), true);
  const gap = m.study.dropoutGap[0]!;
  t.equal(gap.experiment, 'ablations');
  t.ok(Math.abs(gap.withoutDropout!.mean - 20) < 1e-9, `no-dropout gap ${gap.withoutDropout!.mean}: 20 points in every seed (1e-9: float sums of percents)`);
  t.ok(Math.abs(gap.withDropout!.mean - 7) < 1e-9, `dropout gap ${gap.withDropout!.mean}: 7 points in every seed`);
  t.equal(gap.judged.measured!.n, 4, 'n = seeds');
  t.equal(gap.judged.verdict, 'same direction', 'dropout narrows the gap by ~12.6 points in every seed');
  const time = m.study.dropoutTime[0]!;
  t.equal(time.withoutDropout.medianEpochs, 2, 'without dropout: 8% at epoch 2');
  t.equal(time.withDropout.reached, 0, 'with dropout never at 10%: censored');
  t.ok(time.withDropout.censored, 'the median with dropout is a lower bound');
  t.equal(time.judged.measured!.high, Infinity, 'a censored dropout side leaves the ratio unbounded above');
  const ten = m.study.tenCrop.find((r) => r.experiment === 'ablations')!;
  t.equal(ten.judged.measured!.n, 4, 'ten-crop: one value per seed, the two variants averaged');
  t.equal(ten.variants, 2);
  const q1 = m.findings.find((f) => f.id === 'q1')!.text;
  t.match(q1, /the no-dropout net's eval-mode training top-1 error was 20\.00 points below its validation error \(mean over seeds\), the dropout net's 7\.00 points below: dropout narrowed this generalisation gap by 13\.00 points/);
  t.match(q1, /epochs to 10% eval-mode training top-1 error .* median at least 4 epochs \(0\/4 runs reached it\) with dropout, 2 epochs \(4\/4 runs reached it\) without/);
  t.match(q1, /n = 4 seeds/);
});

t.test('Question 2: batch norm, early stopping on a holdout, disjoint ensembles against their members', async (t) => {
  const m = model(t.testdir({}), studyExperiments(), true);
  const bn = m.study.later.find((r) => r.label === 'batch norm instead of LRN')!;
  t.ok(Math.abs(bn.result.measured!.meanLow - 3) < 1e-9, 'batch norm removes 3 points in every seed');
  t.match(bn.result.verdictText, /^same direction \(direction only, on fashion-mnist/);
  const es = m.study.earlyStopping[0]!;
  t.equal(es.monitor, 'holdout');
  t.match(es.monitorNote, /honest/);
  t.equal(es.epochsSaved!.mean, 1, 'stopped at epoch 3 of 4');
  t.equal(es.stoppedEarly, 4);
  t.ok(Math.abs(es.judged.measured!.meanLow - 1) < 1e-9, 'the restored epoch is 1 point below the full run');
  const counted = m.study.ensembles.filter((r) => r.leftOut === null);
  t.same(counted.map((r) => r.id), ['a', 'b'], 'the disjoint ensembles count');
  t.match(m.study.ensembles.find((r) => r.id === 'c')!.leftOut!, /shares members with a/);
  const row = m.claims.find((c) => c.id === 'ensemble-5cnn-top1' && c.experiment === 'ensembles')!;
  t.equal(row.measured!.n, 2, 'n = disjoint ensembles');
  t.equal(row.scope, 'direction', 'fashion-mnist is not ILSVRC-2012');
  t.match(row.note, /about \d+ disjoint ensembles in all \(\d+ more\) would likely decide it/, 'inconclusive: more disjoint ensembles, not seeds');
  t.notOk(m.claims.some((c) => c.id === 'ensemble-7cnn-top1'), 'no 7-net record: no claim row for it');
  const q2 = m.findings.find((f) => f.id === 'q2')!.text;
  t.match(q2, /early stopping \(monitored on holdout\) against the full budget: top-1 error 1\.00 points lower/);
  t.match(q2, /ensembles of 5 nets had top-1 error 2\.50 points lower than the mean of their own members \(95% interval \[[^\]]+\], n = 2 disjoint ensembles\), against the paper's 40\.7% -> 38\.1%, verdict: inconclusive \(direction only, on fashion-mnist \(10 classes\)\); about \d+ disjoint ensembles in all/);
  t.match(m.findings.find((f) => f.id === 'ensemble-7cnn-top1')!.text, /^Not run here: no bench eval --ensemble record of 7 nets/);
});

t.test('Question 3: time to target per activation, censored sigmoid, gradients read out and charted', async (t) => {
  const m = model(t.testdir({}), studyExperiments(), true);
  const a = m.study.activations;
  t.same(a.times.map((r) => [r.activation, r.medianEpochs, r.reached, r.censored]), [['relu', 1, 4, false], ['tanh', 2.5, 4, false], ['sigmoid', 4, 0, true]]);
  t.same(a.speed.map((s) => s.paperClaim), [true, false], 'ReLU vs tanh is the paper\'s claim; ReLU vs sigmoid is not');
  t.equal(a.speed[1]!.result.measured!.high, Infinity, 'sigmoid censored: the ratio is a lower bound');
  const q3 = m.findings.find((f) => f.id === 'q3')!.text;
  t.match(q3, /ReLU 1\.00 \(4\/4 runs reached it\), tanh 2\.50 \(4\/4 runs reached it\) and sigmoid at least 4\.00 \(0\/4 runs reached it\)/);
  t.match(q3, /At step 5, the first step every activation logged, fc4's gradient norm was 2\.00 times with ReLU, 20\.00 times with tanh and 1000\.00 times with sigmoid conv1's/);
  t.match(q3, /In conv1, averaged over the logged steps, 90\.0% of sigmoid units were saturated .*, against 40\.0% of ReLU units inactive \(exactly 0\) and 30\.0% of tanh units saturated/);
  const charts = reportCharts(m).filter((c) => c.section === 'q3');
  t.same(charts.map((c) => c.id), ['gradient-norms-figure1', 'saturation-figure1']);
  const values = (charts[0]!.spec as unknown as { data: { values: { layer: string; norm: number }[] } }).data.values;
  t.equal(values.length, 3 * 4 * 3, 'activations x layers x steps, one median each');
});

t.test('Question 4: computed memory against devices, a measured perf record, days at its throughput', async (t) => {
  const m = model(t.testdir({}), studyExperiments(), true);
  const mem = m.study.memory!;
  t.equal(mem.totalBytes, mem.parts.reduce((s, p) => s + p.bytes, 0), 'the total is the sum of the parts');
  t.equal(mem.devices[0]!.share, mem.totalBytes / (3 * 2 ** 30), 'the GTX 580 row: the computed need over 3 GiB');
  t.equal(mem.devices[0]!.fits, mem.totalBytes <= 3 * 2 ** 30);
  t.ok(mem.devices.slice(1).some((d) => d.fits), 'today some single accelerator holds it');
  t.equal(mem.perf[0]!.paperRunDays, (90 * 1_200_000) / 4 / 86_400, '90 epochs of 1.2 M images at 4 img/s');
  const q4 = m.findings.find((f) => f.id === 'q4')!.text;
  t.match(q4, /^Computed from its layer table \(not measured\)/);
  t.match(q4, /Measured \(paper-227-b32: wasm on CPU \(test\)\), the paper net at 227 px and batch 32: 3\.00 GiB peak tensor memory/);
  t.match(q4, /would take 312\.5 days on wasm/);
});

t.test('the sections and findings reach results.md, findings.md and index.html', async (t) => {
  const m = model(t.testdir({}), studyExperiments(), true);
  t.same(studySectionList(m).map((s) => s.id), ['q1', 'q2', 'q3', 'q4']);
  const md = resultsMarkdown(m);
  t.ok(md.indexOf('## Findings') < md.indexOf('## Provenance'), 'findings first');
  for (const h of ['## Question 1', '## Question 2', '## Question 3', '## Question 4']) t.match(md, h);
  const findings = findingsMarkdown(m);
  t.match(findings, /^# Findings: ablations, ensembles, figure1, later\n/);
  t.equal(findings.split('\n').filter((l) => l.startsWith('**')).length, m.findings.length, 'one paragraph per finding');
  const html = reportHtml(m, reportCharts(m));
  for (const id of ['findings', 'q1', 'q2', 'q3', 'q4']) t.match(html, `<section id="${id}">`);
});

t.test('without data the findings, every section and findings.md are left out: the report is as before', async (t) => {
  const m = plainModel(t.testdir({}), [exp('plain', SEEDS.map((seed) => ({ runId: `r${seed}`, seed, valTop1: 0.3 })))]);
  t.equal(m.study, undefined, 'no study in report.json');
  t.equal(m.findings, undefined, 'no findings in report.json');
  t.same(studySectionList(m), [], 'no question section');
  t.same(reportCharts(m).filter((c) => c.section !== undefined), [], 'no study chart');
  t.notMatch(resultsMarkdown(m), /## (Findings|Question)/);
  t.notMatch(reportHtml(m, reportCharts(m)), 'id="findings"');
  t.notOk((await reportFiles(m, reportCharts(m))).has('findings.md'), 'no findings.md');
});

t.test('with some data, each question without data says what would answer it', async (t) => {
  const m = model(t.testdir({}), [exp('ablations', dropoutOnly())]);
  t.ok(m.findings.find((f) => f.id === 'q1')!.tested);
  for (const q of ['q2', 'q3', 'q4']) {
    const f = m.findings.find((x) => x.id === q)!;
    t.notOk(f.tested, `${q}: no data`);
    t.match(f.text, /^Not run here: .* would answer it\.$/);
  }
  t.match(m.findings.find((f) => f.id === 'lighting-top1')!.text, /^Not run here: an experiment whose runs differ only in "lighting" \(true vs false\)/);
  t.same(studySectionList(m).map((s) => s.id), ['q1'], 'only the section with data');
});

t.test('ten-patch testing compares the same net: the restored best epoch\'s centre error where early stopping restored one', async (t) => {
  const runs = SEEDS.map((seed) => ({
    runId: `es-${seed}`, seed, valTop1: 0.3, valTenCrop: { top1: 0.2, top5: 0.01 },
    summaryExtra: { bestEpoch: { epoch: 1, monitor: 'holdout', holdout: null, val: { loss: 1, errors: { top1: 0.25 } } }, earlyStopping: { stoppedAtEpoch: 2, restoredBest: true, monitor: 'holdout' } },
  }));
  const row = model(t.testdir({}), [exp('es', runs)]).study.tenCrop[0]!;
  t.equal(row.centre.mean, 25, 'the restored net\'s centre error, not the last epoch\'s 30%');
  t.ok(Math.abs(row.judged.measured!.meanLow - 5) < 1e-9, 'ten patches remove 5 points from the same net (1e-9: float percents)');
});

t.test('PCA lighting with a grey data set\'s own eigen-pairs: an object on the axis is lighting on, and it shifts brightness only', async (t) => {
  const own = { sigma: 0.1, eigenvalues: [0.2, 0, 0], eigenvectors: [[0.577, 0.577, 0.577], [0, 0.707, -0.707], [0.816, -0.408, -0.408]] };
  const runs = SEEDS.flatMap((seed, i) => [
    { runId: `on-${seed}`, seed, axes: { lighting: own }, valTop1: 0.25 + 0.01 * i, augment: { lighting: own } },
    { runId: `off-${seed}`, seed, axes: { lighting: false }, valTop1: 0.26 + 0.01 * i, augment: { lighting: null } },
  ]);
  const m = model(t.testdir({}), [exp('lighting', runs)]);
  const row = m.study.techniques.find((r) => r.axis === 'lighting')!;
  t.equal(row.result.id, 'lighting-top1', 'the paper\'s lighting claim gives the margin');
  t.ok(Math.abs(row.result.measured!.meanLow - 1) < 1e-9, 'lighting on removes 1 point per seed (1e-9: float percents)');
  t.same(m.study.lighting, [{ experiment: 'lighting', runs: 4, nonZeroEigenvalues: [1] }]);
  t.match(m.findings.find((f) => f.id === 'q1')!.text, /PCA lighting here shifts brightness only/);
  t.match(resultsMarkdown(m), /PCA lighting on grey images: .* only shifts the brightness/);
});
