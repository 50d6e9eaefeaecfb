import t from 'tap';
import { DEFAULT_REGRESSION, metricKind, sampleStd, toleranceFor, worsening } from '../../src/regression/tolerance.js';

t.test('metric kinds', async (t) => {
  t.equal(metricKind('val.top1Error'), 'error');
  t.equal(metricKind('val.loss'), 'loss');
  t.equal(metricKind('imagesPerSecond'), 'throughput');
});

t.test('sample std uses n - 1 and is 0 below two values', async (t) => {
  t.equal(sampleStd([5]), 0);
  // values 1, 2, 3: variance (1 + 0 + 1) / 2 = 1
  t.equal(sampleStd([1, 2, 3]), 1);
});

t.test('error rates: fixed points with one seed, k * std with a floor with several', async (t) => {
  const one = toleranceFor({ name: 'val.top1Error', baselineValue: 0.3, seedValues: [0.3] });
  t.equal(one.allowed, DEFAULT_REGRESSION.errorPoints / 100);
  // std of [0.2, 0.3, 0.4] is 0.1, so 3 std = 0.3 (1e-12: float rounding of the std only)
  const spread = toleranceFor({ name: 'val.top1Error', baselineValue: 0.3, seedValues: [0.2, 0.3, 0.4] });
  t.ok(Math.abs(spread.allowed - 0.3) < 1e-12, `${spread.allowed}`);
  t.match(spread.rule, /3σ of 3 seeds/);
  const agreeing = toleranceFor({ name: 'val.top1Error', baselineValue: 0.3, seedValues: [0.3, 0.3] });
  t.equal(agreeing.allowed, DEFAULT_REGRESSION.errorFloorPoints / 100, 'the floor applies when seeds agree');
  const overridden = toleranceFor({ name: 'val.top1Error', baselineValue: 0.3, seedValues: [0.3], spec: { errorPoints: 5 } });
  t.equal(overridden.allowed, 0.05);
});

t.test('throughput is relative and only a drop is worse', async (t) => {
  t.equal(toleranceFor({ name: 'imagesPerSecond', baselineValue: 200, seedValues: [200] }).allowed, 100);
  t.equal(worsening('imagesPerSecond', 200, 150), 50);
  t.equal(worsening('val.top1Error', 0.2, 0.25), 0.25 - 0.2);
});
