import t from 'tap';
import { initialScheduleState, nextScheduleState } from '../../src/train/schedule.js';
import { resolveSchedule, type ResolvedSchedule } from '../../src/experiment/resolve.js';

function drive(schedule: ResolvedSchedule, errors: Array<number | null>): number[] {
  let state = initialScheduleState(0.01);
  const rates: number[] = [];
  errors.forEach((valTop1Error, i) => {
    state = nextScheduleState(schedule, 0.01, state, { epoch: i + 1, valTop1Error });
    rates.push(state.learningRate);
  });
  return rates;
}

// Learning rates are products of 0.1; compare with a relative tolerance of float rounding.
const close = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) <= 1e-12 * Math.max(1, b[i]));

t.test('constant keeps the rate', async (t) => {
  t.same(drive({ type: 'constant' }, [0.5, 0.5, 0.5]), [0.01, 0.01, 0.01]);
});

t.test('step multiplies every N epochs', async (t) => {
  t.ok(close(drive({ type: 'step', everyEpochs: 2, factor: 0.1 }, [null, null, null, null, null]), [0.01, 0.001, 0.001, 0.0001, 0.0001]));
});

t.test('plateau divides when validation error stops improving, at most maxReductions times', async (t) => {
  const plateau: ResolvedSchedule = { type: 'plateau', factor: 0.1, patience: 1, maxReductions: 2, threshold: 0 };
  const rates = drive(plateau, [0.5, 0.4, 0.4, 0.3, 0.35, 0.3, 0.3, 0.3]);
  t.ok(close(rates, [0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001, 0.0001, 0.0001]), `got ${rates}`);
});

t.test('plateau with patience waits that many epochs and ignores unevaluated epochs', async (t) => {
  const plateau: ResolvedSchedule = { type: 'plateau', factor: 0.1, patience: 2, maxReductions: 3, threshold: 0 };
  const rates = drive(plateau, [0.5, null, 0.5, 0.5]);
  t.ok(close(rates, [0.01, 0.01, 0.01, 0.001]), `got ${rates}`);
});

t.test('plateau threshold: smaller improvements do not count', async (t) => {
  const plateau: ResolvedSchedule = { type: 'plateau', factor: 0.1, patience: 1, maxReductions: 3, threshold: 0.05 };
  t.ok(close(drive(plateau, [0.5, 0.47]), [0.01, 0.001]));
});

t.test('plateau threshold: a drop of exactly the threshold counts, despite float rounding', async (t) => {
  const plateau: ResolvedSchedule = { type: 'plateau', factor: 0.1, patience: 1, maxReductions: 3, threshold: 0.001 };
  // One image of 1000: 9/1000 - 8/1000 computes as just under 0.001.
  t.ok(9 / 1000 - 8 / 1000 < 0.001, 'the case this test is about');
  t.ok(close(drive(plateau, [9 / 1000, 8 / 1000]), [0.01, 0.01]), 'one image of 1000 is 0.1 points: an improvement');
  t.ok(close(drive(plateau, [9 / 1000, 9 / 1000]), [0.01, 0.001]), 'a tie is not');
});

t.test('the default plateau: one noisy epoch does not spend a reduction, a stall does', async (t) => {
  const plateau = resolveSchedule({ type: 'plateau' });
  t.same(plateau, { type: 'plateau', factor: 0.1, patience: 3, maxReductions: 3, threshold: 0.001 });
  // A noisy epoch (0.45 -> 0.47) between improvements; then a drop of 0.05 points, below the threshold.
  const noisy = drive(plateau, [0.5, 0.45, 0.47, 0.44, 0.4395, 0.44]);
  t.ok(close(noisy, [0.01, 0.01, 0.01, 0.01, 0.01, 0.01]), `got ${noisy}`);
  // Three evaluated epochs in a row without a 0.1-point drop (the unevaluated one does not count).
  const stalled = drive(plateau, [0.5, 0.4995, null, 0.5, 0.4992, 0.49, 0.49, 0.49, 0.49]);
  t.ok(close(stalled, [0.01, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 0.001, 0.0001]), `got ${stalled}`);
});
