/**
 * Early stopping's state machine on constructed curves: it stops after `patience` evaluated
 * epochs without a lower monitored error (any drop counts, a tie does not), unevaluated
 * epochs do not count, the best epoch is tracked with early stopping off too, and its state
 * is plain JSON (checkpoints carry it).
 */
import t from 'tap';
import {
  initialEarlyStoppingState, isBestEpoch, monitoredSplit, nextEarlyStoppingState, type EarlyStoppingState,
} from '../../src/train/early-stopping.js';
import type { ResolvedEarlyStopping } from '../../src/experiment/resolve.js';

/** Feeds a curve (null: epoch not evaluated) until it stops; returns the states after each epoch. */
function run(spec: ResolvedEarlyStopping, curve: Array<number | null>): EarlyStoppingState[] {
  const states: EarlyStoppingState[] = [];
  let state = initialEarlyStoppingState();
  for (const [i, top1Error] of curve.entries()) {
    state = nextEarlyStoppingState(spec, state, { epoch: i + 1, top1Error });
    states.push(state);
    if (state.stoppedAtEpoch !== null) break;
  }
  return states;
}

const last = (states: EarlyStoppingState[]) => states[states.length - 1];

t.test('stops after patience evaluated epochs without a lower error', async (t) => {
  // Best at epoch 3 (0.3); epochs 4, 5, 6 are no better: with patience 3 it stops after 6.
  const states = run({ patience: 3, restoreBest: true }, [0.5, 0.4, 0.3, 0.35, 0.31, 0.9, 0.1]);
  t.equal(states.length, 6, 'epoch 7 is never trained');
  t.same(last(states), { bestTop1Error: 0.3, bestEpoch: 3, epochsWithoutImprovement: 3, stoppedAtEpoch: 6 });
  t.same(states.map((s) => s.epochsWithoutImprovement), [0, 0, 0, 1, 2, 3]);
});

t.test('any drop resets the count; a tie does not', async (t) => {
  const tiny = run({ patience: 2, restoreBest: true }, [0.5, 0.5, 0.4999, 0.5, 0.4999]);
  t.same(tiny.map((s) => s.bestEpoch), [1, 1, 3, 3, 3], 'the tie at epoch 2 keeps epoch 1 best; the drop at 3 is an improvement');
  t.equal(last(tiny).stoppedAtEpoch, 5, 'epoch 5 ties epoch 3: the second epoch without improvement');
  t.equal(last(run({ patience: 1, restoreBest: true }, [0.2, 0.2])).stoppedAtEpoch, 2, 'patience 1 stops at the first tie');
});

t.test('unevaluated epochs neither count nor reset', async (t) => {
  const states = run({ patience: 2, restoreBest: false }, [0.4, null, 0.5, null, null, 0.45, 0.1]);
  t.same(states.map((s) => s.epochsWithoutImprovement), [0, 0, 1, 1, 1, 2]);
  t.equal(last(states).stoppedAtEpoch, 6);
  t.same(run({ patience: 1, restoreBest: true }, [null, null]).map((s) => s.bestEpoch), [null, null], 'no evaluation, no best');
});

t.test('without early stopping the best epoch is tracked and training never stops', async (t) => {
  const states = run(false, [0.5, 0.3, 0.4, 0.4, 0.4, 0.4, 0.35]);
  t.equal(states.length, 7);
  t.same(last(states), { bestTop1Error: 0.3, bestEpoch: 2, epochsWithoutImprovement: 5, stoppedAtEpoch: null });
});

t.test('isBestEpoch says when an epoch just became the best; the state is JSON', async (t) => {
  const states = run({ patience: 5, restoreBest: true }, [0.5, 0.6, 0.4]);
  t.same(states.map((s, i) => isBestEpoch(s, i + 1)), [true, false, true]);
  t.same(JSON.parse(JSON.stringify(last(states))), last(states), 'survives a checkpoint round trip');
  const stopped = last(run({ patience: 1, restoreBest: true }, [0.5, 0.6]));
  t.equal(nextEarlyStoppingState({ patience: 1, restoreBest: true }, stopped, { epoch: 3, top1Error: 0.1 }), stopped, 'a stopped state stays stopped');
});

t.test('the monitored split is the holdout when there is one', async (t) => {
  t.equal(monitoredSplit(true), 'holdout');
  t.equal(monitoredSplit(false), 'val');
});
