/**
 * `bench merge OUT IN...`: combines results folders written by shards (or by separate
 * machines) into one. A run's folder is named by its run id, a hash of everything that
 * changes its numbers, so merging is a union of folders. Everything is checked before
 * anything is written: the same experiment must resolve identically everywhere (the
 * `source` path aside), and a run id present twice must carry the same numbers.
 * Unfinished runs are not merged (resume them where they are first); each run folder is
 * copied to a temporary name and renamed, so OUT never holds half a run.
 */
import { cpSync, existsSync, lstatSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, relative, resolve, sep } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import { writeJsonAtomic } from '../core/atomic.js';
import { experimentNames, resolvedExperimentPath, runPaths } from './layout.js';
import { readExperimentFolder, type RunFolder } from './read-results.js';
import type { RunSummary } from './summary.js';
import { canonicalJson } from '../experiment/resolve.js';
import { differences } from '../core/differences.js';
import { FINISHED } from './summary.js';

export interface MergeRequest {
  outDir: string;
  inputs: string[];
}

export interface MergedRun {
  experiment: string;
  runId: string;
  from: string;
}

export interface MergeReport {
  copied: MergedRun[];
  /** Already in OUT (or in an earlier input) with the same numbers. */
  identical: MergedRun[];
  /** Not merged: no summary, or interrupted/failed. */
  unfinished: MergedRun[];
}

interface Found extends MergedRun {
  dir: string;
  numbers: unknown;
}

export function mergeResults(req: MergeRequest): MergeReport {
  checkFolders(req);
  const problems: string[] = [];
  const resolvedByName = new Map<string, { path: string; value: Record<string, unknown> }>();
  const runs = new Map<string, Found>();
  const report: MergeReport = { copied: [], identical: [], unfinished: [] };
  // OUT's own content first, so that the inputs are checked against it.
  for (const root of [req.outDir, ...req.inputs]) {
    const isOut = root === req.outDir;
    const experiments = experimentNames(root).filter((name) => isRealFolder(join(root, name)));
    if (!isOut && experiments.length === 0) problems.push(messages.mergeNotResults(root, 'no subfolder holds an experiment.resolved.json'));
    for (const name of experiments) {
      const path = resolvedExperimentPath(root, name);
      const folder = readExperimentFolder(join(root, name));
      // A damaged results folder is not merged: the read error stops the merge before anything is written.
      if (!folder.resolved) throw folder.problems[0].error;
      const { source: _source, ...value } = folder.resolved as unknown as Record<string, unknown>;
      const seen = resolvedByName.get(name);
      if (!seen) resolvedByName.set(name, { path, value });
      else if (canonicalJson(seen.value) !== canonicalJson(value)) problems.push(messages.mergeExperimentDiffers(path, seen.path, differences(seen.value, value)));
      for (const found of runsIn(root, name, folder.runs)) {
        if (!found.numbers) {
          if (!isOut) report.unfinished.push(strip(found));
          continue;
        }
        const key = `${name}/${found.runId}`;
        const earlier = runs.get(key);
        if (!earlier) {
          runs.set(key, found);
          if (!isOut) report.copied.push(strip(found));
        } else if (canonicalJson(earlier.numbers) !== canonicalJson(found.numbers)) {
          problems.push(messages.mergeRunConflict(found.dir, earlier.dir, differences(earlier.numbers, found.numbers)));
        } else {
          report.identical.push(strip(found));
        }
      }
    }
  }
  if (problems.length) throw new InputError(problems.join('\n'));
  for (const [name, { value }] of resolvedByName) {
    mkdirSync(join(req.outDir, name), { recursive: true });
    const target = resolvedExperimentPath(req.outDir, name);
    if (!existsSync(target)) writeJsonAtomic(target, { ...value, source: `merged by bench merge` });
  }
  for (const run of report.copied) copyRun(run, runs.get(`${run.experiment}/${run.runId}`) as Found, req.outDir);
  return report;
}

function strip(f: Found): MergedRun {
  return { experiment: f.experiment, runId: f.runId, from: f.from };
}

function checkFolders(req: MergeRequest): void {
  const out = resolve(req.outDir);
  for (const input of req.inputs) {
    if (!existsSync(input) || !statSync(input).isDirectory()) throw new InputError(messages.mergeNotResults(input, 'no such folder'));
    const inside = resolve(input);
    if (out === inside || out.startsWith(inside + sep)) throw new InputError(messages.mergeIntoInput(req.outDir));
  }
}

/** Merging copies folders, and the copy of a link to a folder is the link: only real folders are merged. */
function isRealFolder(path: string): boolean {
  return lstatSync(path).isDirectory();
}

/** Run folders of one experiment, with the numbers two copies of a run must agree on (null: unfinished). */
function runsIn(root: string, experiment: string, folders: RunFolder[]): Found[] {
  return folders
    // Hidden folders are the temporary copies of a merge in progress.
    .filter((r) => !r.runId.startsWith('.') && r.exists.run && isRealFolder(r.dir))
    .map((r) => {
      if (!r.run) throw r.problems[0].error;
      const { summary } = r;
      return { experiment, runId: r.runId, from: root, dir: r.dir, numbers: summary && FINISHED.has(summary.status) ? numbersOf(r.run, summary) : null };
    });
}

/** What identifies a result: the resolved run and its numbers, not its timings or host. */
function numbersOf(run: unknown, s: RunSummary): unknown {
  return { run, status: s.status, epochsCompleted: s.epochsCompleted, steps: s.steps, final: s.final, best: s.best, finalLearningRate: s.finalLearningRate, weightsSha256: s.weightsSha256, dataFingerprint: s.dataFingerprint };
}

function copyRun(run: MergedRun, found: Found, outDir: string): void {
  const target = runPaths(outDir, run.experiment, run.runId).dir;
  const tmp = join(outDir, run.experiment, `.merge-${run.runId}-${randomBytes(4).toString('hex')}`);
  cpSync(found.dir, tmp, { recursive: true, filter: (src) => !relative(found.dir, src).startsWith('checkpoints') });
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
}
