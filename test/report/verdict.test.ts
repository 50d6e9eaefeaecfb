/**
 * The verdict rules on constructed intervals: every outcome of the magnitude rule and of the
 * direction-only rule, the seeds needed, and intervals with censored (infinite) ends. The
 * intervals sit far from every boundary, so no tolerance is involved.
 */
import t from 'tap';
import { directionVerdict, magnitudeVerdict, seedsFor } from '../../src/report/verdict.js';
import { seedInterval, type ClaimInterval } from '../../src/report/stats.js';

const iv = (low: number, high: number, n = 4, sd: number | null = 1): ClaimInterval => ({ n, meanLow: (low + high) / 2, meanHigh: (low + high) / 2, low, high, sdLow: sd, sdHigh: sd });

t.test('magnitude: c = 1.4 points, half the claim 0.7', async (t) => {
  t.equal(magnitudeVerdict(iv(0.5, 2.0), 1.4).verdict, 'reproduced', 'above zero, reaches half the claim');
  t.equal(magnitudeVerdict(iv(0.1, 0.3), 1.4).verdict, 'smaller than claimed', 'above zero, wholly below half the claim');
  t.equal(magnitudeVerdict(iv(-0.5, 0.5), 1.4).verdict, 'contradicted', 'reaches zero, stays below half');
  t.equal(magnitudeVerdict(iv(-3, -1), 1.4).verdict, 'contradicted', 'a reversed effect');
  const open = magnitudeVerdict(iv(-0.5, 2.5, 4, 1.2), 1.4);
  t.equal(open.verdict, 'inconclusive', 'spans both zero and half the claim');
  t.match(open.note, /about \d+ seeds in all \(\d+ more\) would likely decide it/);
});

t.test('direction only: m = 0.7 points', async (t) => {
  const m = 0.7;
  t.equal(directionVerdict(iv(0.1, 0.3), m, '+-0.70 points').verdict, 'same direction');
  t.equal(directionVerdict(iv(-5, -1), m, '+-0.70 points').verdict, 'opposite direction');
  const none = directionVerdict(iv(-0.3, 0.4), m, '+-0.70 points');
  t.equal(none.verdict, 'no effect detected');
  t.match(none.note, /within \+-0\.70 points/);
  const open = directionVerdict(iv(-1, 2, 3, 1.5), m, '+-0.70 points');
  t.equal(open.verdict, 'inconclusive', 'spans zero and is wider than +-m');
  t.match(open.note, /wider than \+-0\.70 points; about \d+ seeds in all/);
});

t.test('a claim decided by its upper end alone still needs it to reach half the claim', async (t) => {
  // The cases: a real but small effect is not "reproduced".
  t.equal(magnitudeVerdict(iv(0.15, 0.21), 1.4).verdict, 'smaller than claimed', 'LRN +0.18 points vs the claimed 1.4');
  t.equal(magnitudeVerdict(iv(Math.log(1.2), Math.log(1.3)), Math.log(6)).verdict, 'smaller than claimed', 'ReLU 1.25x vs the claimed 6x');
});

t.test('seeds needed: the t interval shrinks as t(n-1)/sqrt(n)', async (t) => {
  // sd 1, target half-width 1: t(n-1)/sqrt(n) < 1 first at n = 7 (2.447/2.646 = 0.925; n = 6: 2.571/2.449 = 1.05).
  t.equal(seedsFor(1, 1, 2), 7);
  t.equal(seedsFor(0, 1, 3), 3, 'no spread: the seeds already there');
  t.equal(seedsFor(1, 0, 3), null, 'a zero target cannot be reached');
  t.equal(seedsFor(1000, 0.001, 2), null, 'beyond 10 000 seeds is not practical');
});

t.test('censored seeds: one-sided intervals and no seed count from an unbounded end', async (t) => {
  const both = seedInterval([{ seed: 1, low: 1, high: 1 }, { seed: 2, low: 2, high: 2 }, { seed: 3, low: 1.5, high: 1.5 }])!;
  t.equal(both.n, 3);
  t.equal(both.meanLow, 1.5);
  t.ok(Number.isFinite(both.low) && Number.isFinite(both.high) && both.sdLow !== null && both.sdHigh !== null, 'observed on both sides: a two-sided t interval');
  const worseCensored = seedInterval([{ seed: 1, low: 1, high: Infinity }, { seed: 2, low: 2, high: 2 }, { seed: 3, low: 1.5, high: 1.5 }])!;
  t.equal(worseCensored.high, Infinity, 'a worse side that never reached the target leaves the upper end open');
  t.equal(worseCensored.low, both.low, 'the lower end is the t bound of the seeds\' lower ends');
  t.equal(worseCensored.sdHigh, null);
  t.equal(worseCensored.sdLow, both.sdLow);
  const betterCensored = seedInterval([{ seed: 1, low: -Infinity, high: 1 }, { seed: 2, low: 2, high: 2 }])!;
  t.equal(betterCensored.low, -Infinity);
  // Upper end 3 >= half of 1.4 with the lower end unbounded: only "contradicted" (hi < 0.7) could still be
  // reached, and the upper ends average 1.5, above 0.7: no number of seeds gets there.
  const open = magnitudeVerdict({ ...betterCensored, high: 3 }, 1.4);
  t.equal(open.verdict, 'inconclusive');
  t.match(open.note, /longer runs, not more seeds, would decide it/);
  // A censored worse side (upper end open) with lower ends of mean 0.5 and sd 1: more seeds can lift the lower end above zero.
  const lift = magnitudeVerdict({ n: 3, meanLow: 0.5, meanHigh: Infinity, low: -2, high: Infinity, sdLow: 1, sdHigh: null }, 1.4);
  t.equal(lift.verdict, 'inconclusive');
  // t(n-1)/sqrt(n) < 0.5 first at n = 18 (t(17) = 2.110, 2.110/4.243 = 0.497; n = 17: 2.120/4.123 = 0.514).
  t.match(lift.note, /about 18 seeds in all \(15 more\) would likely decide it/);
});
