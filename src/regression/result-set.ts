/** The one experiment of a results folder that baselines, compare and history work on. */
import { InputError } from '../core/errors.js';
import { readResultSets, type ResultSet } from '../results/run-metrics.js';
import { trackMessages } from './messages.js';

/**
 * The single experiment in a results folder. `wanted` picks one by name where the folder
 * holds several (compare knows the name from its baseline).
 */
export function readResults(dir: string, wanted?: string): ResultSet {
  const sets = readResultSets(dir);
  const pick = wanted === undefined ? sets : sets.filter((s) => s.experiment === wanted);
  if (pick.length === 1) return pick[0];
  if (wanted !== undefined && pick.length === 0) return sets.length === 1 ? sets[0] : { ...sets[0], experiment: sets.map((s) => s.experiment).join(', ') };
  throw new InputError(trackMessages.severalExperiments(dir, sets.map((s) => s.experiment)));
}
