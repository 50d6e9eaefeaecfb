/**
 * Question 2's ensemble table: every `bench eval --ensemble` record against the mean of its
 * own members' single-net errors, top-1, on the same crop, and whether it counts as an
 * independent observation (ensemble-claims.ts: disjoint ensembles only).
 */
import type { ExperimentResults } from '../results-view.js';
import { ensembleCrops, ensembleObservations } from './ensemble-claims.js';

export interface EnsembleRow {
  experiment: string;
  id: string;
  nets: number;
  crop: 'centre' | 'ten-crop';
  /** Top-1 error, percent. */
  ensembleError: number;
  memberMean: number | null;
  /** Points the averaging removed; null when a member's error is missing. */
  removed: number | null;
  /** Why it is not an independent observation; null when it counts. */
  leftOut: string | null;
}

export function ensembleRows(experiments: readonly ExperimentResults[]): EnsembleRow[] {
  return experiments.flatMap((e) => {
    const sizes = [...new Set(e.ensembles.map((x) => x.memberCount))].sort((a, b) => a - b);
    return sizes.flatMap((nets) =>
      ensembleCrops(e, nets).flatMap((crop) =>
        ensembleObservations(e, nets, crop, 'top1').map((o) => ({
          experiment: e.name,
          id: o.id,
          nets,
          crop,
          ensembleError: o.ensembleError,
          memberMean: o.memberMean,
          removed: o.memberMean === null ? null : o.memberMean - o.ensembleError,
          leftOut: o.memberMean === null ? 'a member\'s single-net error is missing' : o.overlapsWith ? `shares members with ${o.overlapsWith}` : null,
        })),
      ),
    );
  });
}
