import t from 'tap';
import { initialScheduleState, nextScheduleState } from '../../src/train/schedule.js';
import type { ResolvedSchedule } from '../../src/experiment/resolve.js';

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
