/**
 * Claim verdicts on constructed results: magnitude verdicts where the experiment reproduces
 * the claim's setting (the two cases among them), direction-only verdicts elsewhere,
 * the seed as the unit, failed models, the protocol beside each verdict, qualitative and
 * untestable claims. The numbers sit far from every boundary of the rule, so no tolerance is
 * involved unless a test says otherwise.
 */
import t, { type Test } from 'tap';
import { evaluateClaims, type ClaimResult } from '../../src/report/claims.js';
import { loadReference } from '../../src/paper/reference.js';
import { VARIANT_PRESETS } from '../../src/models/variants.js';
import { readResultsFolder } from '../../src/report/results-view.js';
import { lrnGrid, writeResults, type FakeExperiment, type FakeRun } from '../helpers/results.js';

const IMAGENET = { format: 'imagenet-folder', classes: 1000, trainLimitPerClass: null, valLimitPerClass: null };
const SYNTHETIC = { format: 'synthetic', classes: 10, trainSize: 1000, valSize: 500 };
const paperNet = (normalization: string) => ({ ...VARIANT_PRESETS.paper.config, normalization });

function claims(t: Test, experiments: FakeExperiment[], id: string): ClaimResult[] {
  const dir = writeResults(t.testdir({}), experiments);
  return evaluateClaims(loadReference().claims, readResultsFolder(dir)).filter((c) => c.id === id);
}
const claim = (t: Test, e: FakeExperiment, id: string) => claims(t, [e], id)[0]!;

/** An LRN/none grid: per seed, LRN lowers the top-1 error by `gains[i]` points. */
function lrnRuns(gains: number[], dataset: Record<string, unknown>): FakeRun[] {
  return gains.flatMap((gain, i) => {
    const none = 0.4 + 0.01 * i;
    const common = { seed: i + 1, dataset, training: { epochs: 90, batchSize: 128 } };
    return [
      { ...common, runId: `lrn-${i + 1}`, axes: { normalization: 'lrn' }, valTop1: none - gain / 100, model: paperNet('lrn') },
      { ...common, runId: `none-${i + 1}`, axes: { normalization: 'none' }, valTop1: none, model: paperNet('none') },
    ];
  });
}
const imagenet = (name: string, gains: number[]): FakeExperiment => ({ name, dataset: IMAGENET, runs: lrnRuns(gains, IMAGENET) });
const synthetic = (name: string, gains: number[]): FakeExperiment => ({ name, dataset: SYNTHETIC, runs: lrnRuns(gains, SYNTHETIC) });

t.test('in the claim\'s setting (ILSVRC, the paper\'s net): every magnitude verdict', async (t) => {
  const small = claim(t, imagenet('small', [0.18, 0.17, 0.19, 0.18]), 'lrn-top1');
  t.equal(small.verdict, 'smaller than claimed', 'the issue\'s case: LRN +0.18 points against the claimed 1.4, tight interval');
  t.equal(small.scope, 'magnitude');
  t.ok(small.measured!.low > 0 && small.measured!.high < 0.7, `interval [${small.measured!.low}, ${small.measured!.high}] above zero, below half the claim`);
  t.equal(small.paper, 1.4, 'the paper\'s effect in the same orientation: points of error removed');
  t.equal(claim(t, imagenet('big', [1.5, 1.3, 1.6, 1.4]), 'lrn-top1').verdict, 'reproduced');
  t.equal(claim(t, imagenet('against', [-1, -0.9, -1.1, -1]), 'lrn-top1').verdict, 'contradicted');
  const open = claim(t, imagenet('noisy', [3, -2, 1, -1.5]), 'lrn-top1');
  t.equal(open.verdict, 'inconclusive');
  t.match(open.note, /about \d+ seeds in all \(\d+ more\) would likely decide it/);
});

t.test('elsewhere only the direction is judged, labelled with the data set; never a magnitude verdict', async (t) => {
  const same = claim(t, synthetic('s1', [0.18, 0.17, 0.19, 0.18]), 'lrn-top1');
  t.equal(same.verdict, 'same direction');
  t.equal(same.scope, 'direction');
  t.equal(same.verdictText, 'same direction (direction only, on synthetic (10 classes))');
  t.match(same.note, /direction only: the data set is synthetic \(10 classes\), not ILSVRC-2012/);
  t.equal(claim(t, synthetic('s2', [-2, -2.5, -1.8, -2.2]), 'lrn-top1').verdict, 'opposite direction');
  const none = claim(t, synthetic('s3', [0.05, -0.05, 0.02, -0.02]), 'lrn-top1');
  t.equal(none.verdict, 'no effect detected');
  t.match(none.verdictText, /^no effect detected within \+-0\.70 points \(direction only, on synthetic/);
  const open = claim(t, synthetic('s4', [3, -2, 1, -1.5]), 'lrn-top1');
  t.equal(open.verdict, 'inconclusive');
  t.match(open.note, /seeds in all/);
  for (const [name, gains] of [['a', [1.5, 1.3, 1.6, 1.4]], ['b', [0.18, 0.17, 0.19, 0.18]], ['c', [-1, -0.9, -1.1, -1]], ['d', [3, -2, 1, -1.5]]] as const) {
    const c = claim(t, synthetic(name, [...gains]), 'lrn-top1');
    t.ok(['same direction', 'opposite direction', 'no effect detected', 'inconclusive'].includes(c.verdict), `${name}: ${c.verdict} is a direction verdict`);
  }
});

t.test('a subset of ImageNet, or another net, is not the claim\'s setting', async (t) => {
  const subset = { ...IMAGENET, trainLimitPerClass: 10 };
  const sub = claim(t, { name: 'sub', dataset: subset, runs: lrnRuns([1.5, 1.3, 1.6, 1.4], subset) }, 'lrn-top1');
  t.equal(sub.verdict, 'same direction');
  t.match(sub.note, /a subset of the training set/);
  const owt = lrnRuns([1.5, 1.3, 1.6, 1.4], IMAGENET).map((r) => ({ ...r, model: { ...VARIANT_PRESETS.owt.config, normalization: r.axes!.normalization } }));
  const other = claim(t, { name: 'owt', dataset: IMAGENET, runs: owt }, 'lrn-top1');
  t.equal(other.scope, 'direction');
  t.match(other.note, /the net is owt, not the paper's two-tower net/);
});

t.test('the seed is the unit: 2 seeds x 2 contexts give n = 2, with the contexts listed', async (t) => {
  const runs: FakeRun[] = [1, 2].flatMap((seed) =>
    ['relu', 'tanh'].flatMap((activation, a) => [
      { runId: `l-${activation}-${seed}`, seed, axes: { activation, normalization: 'lrn' }, valTop1: 0.3 + 0.01 * seed + 0.02 * a },
      { runId: `n-${activation}-${seed}`, seed, axes: { activation, normalization: 'none' }, valTop1: 0.33 + 0.01 * seed + 0.02 * a + 0.01 * a },
    ]),
  );
  const c = claim(t, { name: 'ctx', runs }, 'lrn-top1');
  t.equal(c.measured!.n, 2, 'two seeds, not four pairs');
  t.same(c.contexts, ['activation=relu', 'activation=tanh']);
  // Per seed: relu gains 3 points, tanh 4: averaged within seed, 3.5 on both seeds (float noise only).
  t.ok(Math.abs(c.measured!.meanLow - 3.5) < 1e-9, `mean ${c.measured!.meanLow}`);
});

t.test('the protocol stands beside each verdict, with the paper\'s', async (t) => {
  const c = claim(t, imagenet('proto', [1.5, 1.3, 1.6, 1.4]), 'lrn-top1');
  t.equal(c.experiment, 'proto');
  t.equal(c.protocol, 'data: imagenet-folder (1000 classes), train: all, val: all; net: paper, input 227 px; epochs: 90; seeds: 4; measured: final top-1 validation error, centre crop');
  t.match(c.paperProtocol, /^ILSVRC-2012, the two-tower net with and without response normalisation/);
  const s = claim(t, synthetic('proto2', [1.5, 1.3, 1.6, 1.4]), 'lrn-top1');
  t.match(s.protocol, /^data: synthetic \(10 classes\), train 1000, val 500; net: paper/);
});

t.test('a diverged run counts as 100% error, never as a gap; a run in progress stays a gap', async (t) => {
  const e = lrnGrid('div', [0.3, 0.31, 0.29], [0.35, 0.36, 0.34]);
  e.runs.push({ runId: 'on-4', axes: { normalization: 'lrn' }, seed: 4, valTop1: 0.2, status: 'diverged', message: 'loss NaN at epoch 2' });
  e.runs.push({ runId: 'off-4', axes: { normalization: 'none' }, seed: 4, valTop1: 0.35 });
  e.runs.push({ runId: 'on-5', axes: { normalization: 'lrn' }, seed: 5, valTop1: 0.3, status: 'in-progress' });
  e.runs.push({ runId: 'off-5', axes: { normalization: 'none' }, seed: 5, valTop1: 0.35 });
  const c = claim(t, e, 'lrn-top1');
  t.equal(c.measured!.n, 4, 'seeds 1-4: the diverged seed counts, the one in progress does not');
  t.match(c.censored.join('\n'), /on-4 \(seed 4\): diverged \(loss NaN at epoch 2\), as 100% error/);
  // A completed run whose validation loss is not finite (NaN is written as null) is a failed model too.
  const nan = lrnGrid('nan', [0.3, 0.31], [0.35, 0.36]);
  nan.runs[0] = { ...nan.runs[0]!, valLoss: NaN, valTop1: 0.01 };
  const n = claim(t, nan, 'lrn-top1');
  t.ok(n.measured!.meanLow < 0, 'the NaN run\'s flattering 1% error is replaced by 100%: LRN looks worse, not better');
});

t.test('results written before normalization existed (lrn: true/false) still test the LRN claims', async (t) => {
  const runs = [1, 2, 3].flatMap((seed) => [
    { runId: `on-${seed}`, seed, axes: { lrn: true }, valTop1: 0.3 },
    { runId: `off-${seed}`, seed, axes: { lrn: false }, valTop1: 0.35 + 0.001 * seed },
  ]);
  t.equal(claim(t, { name: 'old', runs }, 'lrn-top1').verdict, 'same direction');
});

t.test('the towers claims compare paper with paper-one-tower; the towers axis alone tests no claim', async (t) => {
  const runs = [1, 2, 3].flatMap((seed) => [
    { runId: `p-${seed}`, seed, axes: { variant: 'paper' }, valTop1: 0.3 },
    { runId: `o-${seed}`, seed, axes: { variant: 'paper-one-tower' }, valTop1: 0.33 + 0.001 * seed },
  ]);
  t.equal(claim(t, { name: 'towers', runs }, 'towers-top1').verdict, 'same direction');
  const grouping = [1, 2, 3].flatMap((seed) => [
    { runId: `t2-${seed}`, seed, axes: { towers: 2 }, valTop1: 0.3 },
    { runId: `t1-${seed}`, seed, axes: { towers: 1 }, valTop1: 0.33 },
  ]);
  const c = claim(t, { name: 'grouping', runs: grouping }, 'towers-top1');
  t.equal(c.verdict, 'not tested');
  t.match(c.note, /no experiment here pairs runs over axis "variant" \("paper" vs "paper-one-tower"\)/);
});

t.test('one row per experiment that tests a claim; untestable and qualitative claims say why', async (t) => {
  const rows = claims(t, [synthetic('one', [1, 1.2, 0.9]), imagenet('two', [1.5, 1.3, 1.6])], 'lrn-top1');
  t.same(rows.map((r) => [r.experiment, r.scope]), [['one', 'direction'], ['two', 'magnitude']]);
  const single = claim(t, lrnGrid('single', [0.3], [0.35]), 'lrn-top1');
  t.equal(single.verdict, 'not tested');
  t.match(single.note, /1 seed\(s\) with both sides measured; needs at least 2/);
  const dropout = claim(t, lrnGrid('q', [0.3, 0.31], [0.35, 0.36]), 'dropout-overfitting');
  t.equal(dropout.verdict, 'not tested');
  t.match(dropout.note, /qualitative claim; a train-val gap is not an honest number here/);
});
