/**
 * Claim verdicts on constructed results: reproduced, contradicted, inconclusive (with the
 * seeds that would decide it), not tested, and the ReLU speed-up ratio. The numbers are
 * chosen far from every boundary of the rule, so no tolerance is involved.
 */
import t, { type Test } from 'tap';
import { join } from 'node:path';
import { evaluateClaims } from '../../src/report/claims.js';
import { loadReference } from '../../src/paper/reference.js';
import { readResultsFolder } from '../../src/report/results-view.js';
import { lrnGrid, writeResults, type FakeExperiment } from '../helpers/results.js';

function claim(t: Test, experiment: FakeExperiment, id: string) {
  const dir = writeResults(t.testdir({}), [experiment]);
  const results = readResultsFolder(join(dir));
  return evaluateClaims(loadReference().claims, results).find((c) => c.id === id)!;
}

t.test('LRN lowers top-1 error by 5 points on every seed: reproduced', async (t) => {
  const c = claim(t, lrnGrid('a', [0.3, 0.31, 0.29, 0.3], [0.35, 0.36, 0.34, 0.355]), 'lrn-top1');
  t.equal(c.verdict, 'reproduced');
  t.equal(c.measured!.n, 4);
  t.ok(c.measured!.high < 0, 'the whole interval is below zero');
  t.equal(c.paper, -1.4);
});

t.test('LRN raises top-1 error by 5 points on every seed: contradicted', async (t) => {
  const c = claim(t, lrnGrid('b', [0.35, 0.36, 0.34, 0.355], [0.3, 0.31, 0.29, 0.3]), 'lrn-top1');
  t.equal(c.verdict, 'contradicted');
  t.ok(c.measured!.low > -0.7, 'the whole interval is beyond half the claim (-0.7)');
});

t.test('noisy pairs around zero: inconclusive, with the seeds that would decide it', async (t) => {
  // Differences -3, +2, -1, +1.5 points: mean -0.125, spread about 2.3 points.
  const c = claim(t, lrnGrid('c', [0.3, 0.32, 0.3, 0.315], [0.33, 0.3, 0.31, 0.3]), 'lrn-top1');
  t.equal(c.verdict, 'inconclusive');
  t.match(c.note, /about \d+ paired seeds in all \(\d+ more\) would likely decide it/);
  const more = Number(/\((\d+) more\)/.exec(c.note)![1]);
  t.ok(more > 0, `${more} more seeds`);
});

t.test('one seed per variant cannot test a claim', async (t) => {
  const c = claim(t, lrnGrid('d', [0.3], [0.35]), 'lrn-top1');
  t.equal(c.verdict, 'not tested');
  t.match(c.note, /1 paired run\(s\) over axis "lrn"; needs at least 2/);
});

t.test('ReLU reaches 25% training error 3-6x sooner than tanh: the speed-up claim is reproduced', async (t) => {
  const runs = [1, 2, 3].flatMap((seed) => [
    { runId: `relu-${seed}`, axes: { activation: 'relu' }, seed, valTop1: 0.3, trainTop1: seed === 2 ? [0.5, 0.2] : [0.2] },
    { runId: `tanh-${seed}`, axes: { activation: 'tanh' }, seed, valTop1: 0.3, trainTop1: [0.9, 0.8, 0.7, 0.6, 0.5, 0.24] },
  ]);
  const c = claim(t, { name: 'speed', runs }, 'relu-6x-faster');
  t.equal(c.verdict, 'reproduced');
  // Ratios 6, 3, 6: geometric mean (6*3*6)^(1/3) = 4.762 (3 decimals: well above float noise).
  t.equal(Number(c.measured!.mean.toFixed(3)), 4.762);
  t.equal(c.paper, 6);
});

t.test('qualitative claims are listed as not tested, with why', async (t) => {
  const c = claim(t, lrnGrid('e', [0.3, 0.31], [0.35, 0.36]), 'dropout-overfitting');
  t.equal(c.verdict, 'not tested');
  t.match(c.note, /qualitative/);
});

t.test('a claim about one data set is tested only on experiments that use it', async (t) => {
  // The same LRN effect (5 points better on every seed) under two data sets.
  const grid = (name: string, datasetFormat: string) => ({ ...lrnGrid(name, [0.3, 0.31, 0.29, 0.3], [0.35, 0.36, 0.34, 0.355]), datasetFormat });
  const synthetic = claim(t, grid('s', 'synthetic'), 'lrn-cifar10');
  t.equal(synthetic.verdict, 'not tested');
  t.match(synthetic.note, /a claim about cifar10; no experiment here uses that data set/);
  t.equal(claim(t, grid('s2', 'synthetic'), 'lrn-top1').verdict, 'reproduced', 'the ImageNet LRN claim still applies to any data set');
  t.equal(claim(t, grid('c', 'cifar10'), 'lrn-cifar10').verdict, 'reproduced');
});
