/**
 * Which runs this `bench run` trains, and from where: the expanded runs of every
 * experiment, this shard's share of them (shard.ts), and for each unfinished run whether
 * it continues from a checkpoint (--resume) or starts again. Checked before anything is
 * written: an unfinished run with a checkpoint is never silently discarded, and --resume
 * refuses to start when the experiment changed under its checkpointed runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import { differences } from '../core/differences.js';
import { stateSpecs, weightSpecs, type WeightSpec } from '../models/geometry.js';
import { canonicalJson, configHash, runId, type ResolvedExperiment, type ResolvedRun } from '../experiment/resolve.js';
import { readSummary, resolvedExperimentPath, runPaths, type RunPaths } from '../results/layout.js';
import { FINISHED } from '../results/summary.js';
import type { LoadedCheckpoint } from './checkpoint.js';
import { listCheckpoints, loadLatestCheckpoint, type LatestCheckpoint } from './checkpoint-store.js';
import { DEFAULT_LOCK_OPTIONS, liveOwner, lockPath, type LockOptions } from './lock.js';
import { selectShard, shardKey, type Shard } from './shard.js';


export interface PlannedRun {
  run: ResolvedRun;
  runId: string;
  configHash: string;
  paths: RunPaths;
}

export interface PlanRequest {
  experiments: ResolvedExperiment[];
  engine: string;
  outDir: string;
  force: boolean;
  resume: boolean;
  shard?: Shard;
  lock?: LockOptions;
}

export function planRuns(req: PlanRequest): PlannedRun[] {
  const all = req.experiments.flatMap((e) => e.runs);
  const mine = req.shard ? selectShard(all, shardKey, req.shard) : all;
  const planned = mine.map((run): PlannedRun => {
    const id = runId(run, req.engine);
    return { run, runId: id, configHash: configHash(run, req.engine), paths: runPaths(req.outDir, run.experiment, id) };
  });
  if (req.resume) checkUnchanged(req);
  if (!req.resume && !req.force) refuseToDiscard(planned, req);
  return planned;
}

export function isFinished(p: PlannedRun): boolean {
  const summary = readSummary(p.paths);
  return summary !== null && FINISHED.has(summary.status);
}

/** Without --resume or --force, an unfinished run with a checkpoint stops the command (unless another process is on it). */
function refuseToDiscard(planned: PlannedRun[], req: PlanRequest): void {
  const problems: string[] = [];
  for (const p of planned) {
    if (isFinished(p) || liveOwner(lockPath(req.outDir, p.run.experiment, p.runId), req.lock ?? DEFAULT_LOCK_OPTIONS)) continue;
    const newest = listCheckpoints(p.paths.dir).find((dir) => existsSync(join(dir, 'state.json')));
    if (newest) problems.push(messages.unfinishedRun(p.paths.dir, describeCheckpoint(newest)));
  }
  if (problems.length) throw new InputError(problems.join('\n'));
}

function describeCheckpoint(dir: string): string {
  try {
    const { position } = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { position: { epoch: number; batch: number; step: number } };
    return `epoch ${position.epoch}, batch ${position.batch + 1} (step ${position.step})`;
  } catch {
    return dir;
  }
}

/**
 * --resume with a changed experiment file (or engine): the runs that were checkpointed
 * have other run ids than the runs the file now describes, so their checkpoints cannot
 * continue them. Say which runs and what changed instead of quietly starting over.
 */
function checkUnchanged(req: PlanRequest): void {
  const problems: string[] = [];
  for (const e of req.experiments) {
    const path = resolvedExperimentPath(req.outDir, e.name);
    if (!existsSync(path)) continue;
    const before = JSON.parse(readFileSync(path, 'utf8')) as { engine: string; runs: ResolvedRun[]; runIds: string[] };
    const now = new Set(e.runs.map((r) => runId(r, req.engine)));
    const changes: string[] = [];
    before.runIds.forEach((id, i) => {
      if (now.has(id) || !hasUnfinishedCheckpoint(runPaths(req.outDir, e.name, id))) return;
      const old = before.runs[i];
      const counterpart = e.runs.find((r) => r.variant === old.variant && r.seed === old.seed);
      const what = counterpart ? differences({ ...old, engine: before.engine }, { ...counterpart, engine: req.engine }) : 'no longer in the experiment';
      changes.push(`run ${id} (${old.variant}, seed ${old.seed}): ${what}`);
    });
    if (changes.length) problems.push(messages.experimentChanged(path, changes.join('; ')));
  }
  if (problems.length) throw new InputError(problems.join('\n'));
}

function hasUnfinishedCheckpoint(paths: RunPaths): boolean {
  const summary = readSummary(paths);
  return !(summary && FINISHED.has(summary.status)) && listCheckpoints(paths.dir).length > 0;
}

/** The newest usable checkpoint of a run; unusable newer ones are reported through `onRejected`. */
export function findCheckpoint(p: PlannedRun, onRejected: (dir: string, reason: string) => void): LoadedCheckpoint | undefined {
  const shapesOf = (specs: WeightSpec[]) => new Map(specs.map((s) => [s.name, s.shape as readonly number[]]));
  const shapes = shapesOf(weightSpecs(p.run.model));
  const stateShapes = shapesOf(stateSpecs(p.run.model));
  const eventsBytes = existsSync(p.paths.events) ? readFileSync(p.paths.events).byteLength : 0;
  const found: LatestCheckpoint = loadLatestCheckpoint(p.paths.dir, { runId: p.runId, configHash: p.configHash, shapes, stateShapes, eventsBytes });
  for (const r of found.rejected) onRejected(r.dir, r.reason);
  return found.checkpoint ?? undefined;
}
