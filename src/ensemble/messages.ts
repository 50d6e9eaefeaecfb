/**
 * Messages of `bench eval --ensemble` (same shape as src/core/errors.ts:
 * `<where>: <what is wrong>; <the fix>`).
 */
import { oneOf, quote } from '../core/errors.js';

export const ensembleMessages = {
  notAResultsFolder: (path: string) =>
    `${path}: not a run folder (no run.json) nor an experiment folder (no experiment.resolved.json or run folders); pass results/<experiment>/<run-id> or results/<experiment>`,
  runNotFinished: (path: string, status: string) =>
    `${path}: the run is not completed (status ${quote(status)}); only completed runs have final weights to ensemble. Finish it with \`bench run\` or leave it out`,
  noWeights: (path: string) =>
    `${path}: the run has no saved weights (weights/model.json); run it again with \`bench run --force\``,
  unreadable: (path: string, reason: string) =>
    `${path}: cannot be read (${reason}); check the results folder or run the experiment again`,
  noCompletedRuns: (path: string, variants: readonly string[], found: readonly string[]) =>
    variants.length > 0
      ? `${path}: no completed run of variant ${oneOf(variants)}; completed variants here: ${found.length ? oneOf(found) : 'none'}`
      : `${path}: the experiment has no completed runs; finish some with \`bench run\``,
  duplicateMember: (runId: string) =>
    `run ${quote(runId)} is named twice (the same run id means the same configuration, seed and engine, so the same weights); an ensemble's members must be distinct runs`,
  mismatch: (what: string, a: { runId: string; value: unknown }, b: { runId: string; value: unknown }, fix: string) =>
    `ensemble members differ in ${what}: run ${a.runId} has ${quote(a.value)}, run ${b.runId} has ${quote(b.value)}; ${fix}`,
  weightsMismatch: (path: string, detail: string) =>
    `${path}: the saved weights do not fit the run's model (${detail}); the run folder is damaged, run it again with \`bench run --force\``,
  ensembleFlagMissing: () =>
    'bench eval: only ensembles can be evaluated so far; add --ensemble (bench eval --ensemble RESULTS...)',
} as const;
