/**
 * The sentence templates of the findings, one test each on constructed rows: the phrases,
 * an inconclusive verdict with the seeds needed, censored times, the facts beside a claim
 * that did not reproduce, and claims and questions without data ("not run").
 */
import t from 'tap';
import { loadReference, type ReferenceClaim } from '../../../src/paper/reference.js';
import { untestedClaim, type ClaimResult } from '../../../src/report/claim-result.js';
import { claimFinding, effectSentence } from '../../../src/report/findings/claims.js';
import { gradientSentences } from '../../../src/report/findings/gradients.js';
import { notRunAxis, notRunEnsemble, notRunQuestion } from '../../../src/report/findings/not-run.js';
import { lightingFacts, lrnFacts, speedFacts, whyFacts } from '../../../src/report/findings/why.js';
import { errorChange, intervalNote, listText, paragraph, ratioText, verdictClause } from '../../../src/report/findings/words.js';
import type { ActivationTimeRow, GradientSeriesPoint } from '../../../src/report/study/activations.js';
import { studyModel, type StudyModel } from '../../../src/report/study/index.js';
import type { ClaimInterval } from '../../../src/report/stats.js';

const iv = (mean: number, low: number, high: number, n = 5): ClaimInterval => ({ n, meanLow: mean, meanHigh: mean, low, high, sdLow: 1, sdHigh: 1 });
const claimOf = (id: string): ReferenceClaim => loadReference().claims.find((c) => c.id === id)!;
const EMPTY: StudyModel = studyModel([], []);
const time = (activation: string, medianEpochs: number, reached: number, censored = false): ActivationTimeRow => ({ experiment: 'e', activation, chosen: [], runs: 5, reached, medianEpochs, censored, targetPercent: 25 });

function tested(claim: ReferenceClaim, fields: Partial<ClaimResult>): ClaimResult {
  return { ...untestedClaim(claim, 'points', 1.4), experiment: 'e', scope: 'direction', protocol: 'data: fashion-mnist (10 classes); seeds: 5', ...fields };
}

t.test('words: numbers through format.ts, n stated, one full stop per sentence', async (t) => {
  t.equal(errorChange(0.42, 'LRN', 'none'), 'top-1 error 0.42 points lower with LRN than with none');
  t.equal(errorChange(-1.5, 'LRN', 'none', 'top-5'), 'top-5 error 1.50 points higher with LRN than with none');
  t.equal(intervalNote(iv(0.4, -0.1, 0.94)), '(95% interval [-0.10, 0.94], n = 5 seeds)');
  t.equal(intervalNote(iv(2, 1, 3, 1), { unit: 'disjoint ensemble' }), '(95% interval [1.00, 3.00], n = 1 disjoint ensemble)');
  t.equal(ratioText(iv(2.5, 1, 4)), '2.50x');
  t.equal(paragraph(['One', 'Two.', null, '', 'Three?']), 'One. Two. Three?');
  t.equal(listText(['a', 'b', 'c']), 'a, b and c');
});

t.test('an inconclusive verdict says how many seeds would decide it; others do not', async (t) => {
  const note = 'the interval spans zero and is wider than +-0.70 points; about 12 seeds in all (7 more) would likely decide it; direction only: the data set is fashion-mnist';
  t.equal(verdictClause('inconclusive (direction only, on fashion-mnist (10 classes))', note), 'verdict: inconclusive (direction only, on fashion-mnist (10 classes)); about 12 seeds in all (7 more) would likely decide it');
  t.equal(verdictClause('same direction (direction only, on fashion-mnist (10 classes))', note), 'verdict: same direction (direction only, on fashion-mnist (10 classes))');
});

t.test('a tested claim: effect, interval, n, verdict, protocol, the paper\'s protocol', async (t) => {
  const claim = claimOf('lrn-top1');
  const row = tested(claim, { measured: iv(-0.3, -1.2, 0.6), verdict: 'inconclusive', verdictText: 'inconclusive (direction only, on fashion-mnist (10 classes))', note: 'spans zero; about 20 seeds in all (15 more) would likely decide it' });
  t.equal(effectSentence(claim, row), 'In e, top-1 error 0.30 points higher with normalization=lrn than with none (95% interval [-1.20, 0.60], n = 5 seeds)');
  const f = claimFinding(claim, [row], EMPTY);
  t.equal(f.id, 'lrn-top1');
  t.equal(f.title, 'LRN reduces top-1 error by 1.4 points (Section 3.3)');
  t.match(f.text, /verdict: inconclusive \(direction only, on fashion-mnist \(10 classes\)\); about 20 seeds in all \(15 more\) would likely decide it\. Protocol: data: fashion-mnist \(10 classes\); seeds: 5\. The paper: ILSVRC-2012/);
});

t.test('the speed claim with censored times: lower bounds stated, never dropped', async (t) => {
  const claim = claimOf('relu-6x-faster');
  const row = { ...tested(claim, { measured: { ...iv(3, 1.5, Infinity), meanHigh: Infinity }, verdict: 'same direction' as const, verdictText: 'same direction (direction only, on fashion-mnist (10 classes))' }), unit: 'x' as const };
  t.equal(effectSentence(claim, row), 'In e, tanh took at least 3.00x as long as relu to reach 25% training error (95% interval of the ratio [1.50, inf], n = 5 seeds)');
  t.same(speedFacts([time('relu', 0.4, 5), time('tanh', 0.6, 5)]), ['both activations reach 25% training error within a median of 0.60 epochs (ReLU 0.40 and tanh 0.60)']);
  t.same(speedFacts([time('relu', 0.4, 5), time('tanh', 2, 2, true)]), ['median epochs to 25% training error: ReLU 0.40 (5/5 runs reached it) and tanh at least 2.00 (2/5 runs reached it)']);
});

t.test('the facts beside a claim that did not reproduce, and none beside one that did', async (t) => {
  t.same(lrnFacts([{ experiment: 'e', layer: 'conv1', mean: 1.13, p95: 1.4, runs: 5 }, { experiment: 'e', layer: 'conv2', mean: 1.02, p95: 1.05, runs: 5 }]), ["LRN divided conv1's by 1.13 (95th percentile 1.40) and conv2's by 1.02 (95th percentile 1.05) on average over 5 runs with LRN"]);
  t.match(lightingFacts([{ experiment: 'e', runs: 5, nonZeroEigenvalues: [1] }])[0]!, /shifts brightness only/);
  const claim = claimOf('lrn-top1');
  const study = { ...EMPTY, lrnFactors: [{ experiment: 'e', layer: 'conv1', mean: 1.13, p95: 1.4, runs: 5 }] };
  t.equal(whyFacts(claim, tested(claim, { measured: iv(0.1, -0.2, 0.4), verdict: 'no effect detected' }), study).length, 1, 'no effect: the LRN factor is stated');
  t.same(whyFacts(claim, tested(claim, { measured: iv(1, 0.5, 1.5), verdict: 'same direction' }), study), [], 'reproduced direction: no excuses');
});

t.test('gradients read out: norm ratio at the first common step, the most saturated layer', async (t) => {
  const p = (activation: string, layer: string, step: number, norm: number, saturation: number | null): GradientSeriesPoint => ({ experiment: 'e', activation, layer, step, norm, saturation, seeds: 3 });
  const points = [p('relu', 'conv1', 10, 0.5, 0.3), p('relu', 'fc4', 10, 1, null), p('sigmoid', 'conv1', 10, 0.01, 0.8), p('sigmoid', 'fc4', 10, 1, null), p('sigmoid', 'conv1', 20, 0.02, 0.6)];
  t.same(gradientSentences(points), [
    "At step 10, the first step every activation logged, fc4's gradient norm was 2.00 times with ReLU and 100.00 times with sigmoid conv1's (medians over seeds)",
    'In conv1, averaged over the logged steps, 70.0% of sigmoid units were saturated (derivative below 10% of its maximum), against 30.0% of ReLU units inactive (exactly 0)',
  ]);
  t.same(gradientSentences([]), [], 'no gradient events: no sentence');
});

t.test('without data: what would answer each claim and question', async (t) => {
  t.equal(notRunAxis('pooling', 'overlapping', 'non-overlapping'), 'Not run here: an experiment whose runs differ only in "pooling" (overlapping vs non-overlapping), over at least 2 seeds, would answer it (in this repository: experiments/fashion-mnist/ablations.json (non-overlapping pooling))');
  t.match(notRunAxis('depth'), /no layer layout of this repository removes a middle conv layer/);
  t.match(notRunEnsemble(7), /^Not run here: no bench eval --ensemble record of 7 nets; at least two disjoint ensembles of 7 runs/);
  t.match(notRunQuestion(3), /figure1\.json/);
  const f = claimFinding(claimOf('ensemble-5cnn-top1'), [], EMPTY);
  t.match(f.text, /^Not run here: no bench eval --ensemble record of 5 nets.*\. The paper: ILSVRC-2012 validation, ten patches/);
  t.match(claimFinding(claimOf('dropout-overfitting'), [untestedClaim(claimOf('dropout-overfitting'), '', null)], EMPTY).text, /^Not run here: an experiment whose runs differ only in "dropout" \(0\.5 vs 0\)/);
});
