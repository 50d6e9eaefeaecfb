/**
 * Which finished runs make an ensemble: run folders (results/<experiment>/<run-id>) or
 * experiment folders (all their completed runs, optionally only some variants), checked to
 * be comparable (same data, input size, classes and, unless allowed, experiment).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ResolvedRun } from '../experiment/resolve.js';
import { readRunFolder, readRunFolders, type RunFolder } from '../results/read-results.js';
import type { RunSummary } from '../results/summary.js';
import { ensembleMessages as m } from './messages.js';

export interface EnsembleMember {
  runId: string;
  dir: string;
  /** The results root (the folder holding the experiment folders). */
  resultsDir: string;
  run: ResolvedRun;
  summary: RunSummary;
}

export interface MemberSelection {
  paths: readonly string[];
  /** Only these variants of experiment folders (all when empty). */
  variants?: readonly string[];
  /** Allow members of different experiments (data and model input must still match). */
  mixedExperiments?: boolean;
}

function isRunDir(dir: string): boolean {
  return existsSync(join(dir, 'run.json'));
}

/** A completed run folder, or an InputError saying why it cannot be a member. */
function member(folder: RunFolder): EnsembleMember {
  const { dir, run, summary } = folder;
  const problem = folder.problems.find((p) => p.file === 'run' || p.file === 'summary');
  if (problem) throw new InputError(m.unreadable(problem.path, problem.error.message));
  if (!run) throw new InputError(m.notAResultsFolder(dir));
  if (summary?.status !== 'completed') throw new InputError(m.runNotFinished(dir, summary?.status ?? 'running or stopped'));
  if (!folder.exists.weights) throw new InputError(m.noWeights(dir));
  return { runId: run.runId, dir, resultsDir: dirname(dirname(resolve(dir))), run, summary };
}

function experimentMembers(dir: string, variants: readonly string[]): EnsembleMember[] {
  const completed = readRunFolders(dir).flatMap((folder) => {
    try {
      return [member(folder)];
    } catch {
      return []; // an experiment folder contributes its completed runs only
    }
  });
  const chosen = variants.length ? completed.filter((c) => variants.includes(c.run.variant)) : completed;
  if (chosen.length === 0) {
    const found = [...new Set(completed.map((c) => c.run.variant))].sort();
    throw new InputError(m.noCompletedRuns(dir, variants, found));
  }
  return chosen;
}

function membersOf(path: string, variants: readonly string[]): EnsembleMember[] {
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new InputError(m.notAResultsFolder(path));
  if (isRunDir(path)) return [member(readRunFolder(path))];
  const hasRuns = existsSync(join(path, 'experiment.resolved.json')) || readdirSync(path).some((n) => isRunDir(join(path, n)));
  if (!hasRuns) throw new InputError(m.notAResultsFolder(path));
  return experimentMembers(path, variants);
}

interface Check {
  what: string;
  value: (member: EnsembleMember) => unknown;
  fix: string;
}

const CHECKS: readonly Check[] = [
  { what: 'data set (fingerprint)', value: (x) => x.summary.dataFingerprint, fix: 'ensemble runs trained and evaluated on the same data' },
  { what: 'model input size', value: (x) => x.run.model.inputSize, fix: 'ensemble runs with the same model.inputSize' },
  { what: 'classes', value: (x) => x.run.model.classes, fix: 'ensemble runs with the same number of classes' },
  { what: 'dataset pixelScale', value: (x) => x.run.dataset.pixelScale, fix: 'ensemble runs with the same dataset.pixelScale' },
];

const SAME_EXPERIMENT: Check = {
  what: 'experiment',
  value: (x) => x.run.experiment,
  fix: 'pass runs of one experiment, or --mixed-experiments to ensemble across experiments on purpose',
};

/** Every member of the selection, in run-id order, checked to be comparable. */
export function selectMembers(sel: MemberSelection): EnsembleMember[] {
  const members = sel.paths.flatMap((p) => membersOf(p, sel.variants ?? []));
  const seen = new Set<string>();
  for (const x of members) {
    if (seen.has(x.runId)) throw new InputError(m.duplicateMember(x.runId));
    seen.add(x.runId);
  }
  members.sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const checks = sel.mixedExperiments ? CHECKS : [SAME_EXPERIMENT, ...CHECKS];
  for (const check of checks) {
    const first = members[0];
    const odd = members.find((x) => check.value(x) !== check.value(first));
    if (odd) {
      throw new InputError(m.mismatch(check.what, { runId: first.runId, value: check.value(first) }, { runId: odd.runId, value: check.value(odd) }, check.fix));
    }
  }
  return members;
}
