/**
 * Checkpoints on disk: <run>/checkpoints/step-<10 digits>/{tensors.bin,state.json}.
 * tensors.bin (weights, velocities, model state and any best-epoch copy, tfjs weight encoding) is written first, state.json
 * last, each atomically, so a checkpoint without state.json is an unfinished write. The
 * newest KEEP_CHECKPOINTS are kept, so that a corrupt newest one (truncated file, wrong
 * shapes, hash mismatch) falls back to the one before it, never to wrong numbers.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { InputError, messages } from '../core/errors.js';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomic.js';
import type { RunRecorder } from '../results/recorder.js';
import { encodeWeights } from '../results/weights.js';
import {
  BEST_PREFIX, CHECKPOINT_FORMAT_VERSION, STATE_PREFIX, VELOCITY_PREFIX, WEIGHT_PREFIX,
  type CheckpointState, type LoadedCheckpoint, type TrainingSnapshot,
} from './checkpoint.js';

/** The newest checkpoint and the one before it. */
export const KEEP_CHECKPOINTS = 2;
const NAME = /^step-(\d{10})$/;
const TENSORS = 'tensors.bin';
const STATE = 'state.json';
const TENSOR_PREFIXES = [WEIGHT_PREFIX, VELOCITY_PREFIX, STATE_PREFIX, BEST_PREFIX] as const;

export function checkpointsDir(runDir: string): string {
  return join(runDir, 'checkpoints');
}

export interface CheckpointTarget {
  /** The run folder (checkpoints go to its checkpoints/ folder). */
  runDir: string;
  runId: string;
  configHash: string;
  recorder: RunRecorder;
}

/** Checkpoint folders, newest (highest step) first. */
export function listCheckpoints(runDir: string): string[] {
  const dir = checkpointsDir(runDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => NAME.test(n)).sort().reverse().map((n) => join(dir, n));
}

/** Writes a checkpoint of `snap`, prunes old ones and logs a `checkpoint` event. */
export async function writeCheckpoint(target: CheckpointTarget, snap: TrainingSnapshot): Promise<string> {
  const named = [
    ...snap.weights.map((w) => ({ name: WEIGHT_PREFIX + w.name, tensor: w.tensor })),
    ...snap.velocities.map((v) => ({ name: VELOCITY_PREFIX + v.name, tensor: v.tensor })),
    ...snap.modelState.map((s) => ({ name: STATE_PREFIX + s.name, tensor: s.tensor })),
    ...snap.best.map((b) => ({ name: BEST_PREFIX + b.name, tensor: b.tensor })),
  ];
  const encoded = await encodeWeights(named);
  const dir = join(checkpointsDir(target.runDir), `step-${String(snap.position.step).padStart(10, '0')}`);
  mkdirSync(dir, { recursive: true });
  // Everything logged up to here is part of the state being saved.
  target.recorder.sync();
  const { weights: _w, velocities: _v, modelState: _s, best: _b, ...rest } = snap;
  const state: CheckpointState = {
    v: CHECKPOINT_FORMAT_VERSION,
    runId: target.runId,
    configHash: target.configHash,
    ...rest,
    eventsBytes: target.recorder.bytes(),
    elapsedMs: Math.round(target.recorder.elapsedMs),
    hasBestCopy: snap.best.length > 0,
    writtenAtMs: Date.now(),
    tensors: { file: TENSORS, bytes: encoded.bytes.byteLength, sha256: encoded.sha256, specs: encoded.specs },
  };
  writeFileAtomic(join(dir, TENSORS), encoded.bytes);
  writeJsonAtomic(join(dir, STATE), state);
  pruneCheckpoints(target.runDir, KEEP_CHECKPOINTS);
  const { epoch, batch, step } = snap.position;
  // An epoch-end checkpoint's position is the next epoch's start; the event belongs to the epoch that ended.
  target.recorder.emit('checkpoint', { epoch: batch === 0 ? epoch - 1 : epoch, step }, { path: relative(target.runDir, dir) });
  return dir;
}

/** Keeps the newest `keep` complete checkpoints; removes older ones and unfinished writes below them. */
export function pruneCheckpoints(runDir: string, keep: number): void {
  let complete = 0;
  for (const dir of listCheckpoints(runDir)) {
    if (complete >= keep) rmSync(dir, { recursive: true, force: true });
    else if (existsSync(join(dir, STATE))) complete += 1;
  }
}

export interface Expected {
  runId: string;
  configHash: string;
  /** Shape of each model weight, by name. */
  shapes: ReadonlyMap<string, readonly number[]>;
  /** Shape of each model state tensor, by name (empty without batch normalization). */
  stateShapes: ReadonlyMap<string, readonly number[]>;
  /** The event log's current length: a checkpoint claiming more events than exist is unusable. */
  eventsBytes: number;
}

export interface LatestCheckpoint {
  checkpoint: LoadedCheckpoint | null;
  /** Checkpoints that were newer but unusable, and why. */
  rejected: Array<{ dir: string; reason: string }>;
}

/**
 * The newest usable checkpoint. Corrupt ones are skipped (and reported); one that belongs
 * to another configuration is bad input: continuing it would give wrong numbers.
 */
export function loadLatestCheckpoint(runDir: string, expected: Expected): LatestCheckpoint {
  const rejected: LatestCheckpoint['rejected'] = [];
  for (const dir of listCheckpoints(runDir)) {
    const result = readCheckpoint(dir, expected);
    if (typeof result === 'string') rejected.push({ dir, reason: result });
    else return { checkpoint: result, rejected };
  }
  return { checkpoint: null, rejected };
}

/** The checkpoint, or why it cannot be used. */
export function readCheckpoint(dir: string, expected: Expected): LoadedCheckpoint | string {
  const statePath = join(dir, STATE);
  if (!existsSync(statePath)) return `${STATE} is missing (the write did not finish)`;
  let state: CheckpointState;
  try {
    state = JSON.parse(readFileSync(statePath, 'utf8')) as CheckpointState;
  } catch (err) {
    return `${STATE} is not valid JSON (${(err as Error).message})`;
  }
  if (state?.v !== CHECKPOINT_FORMAT_VERSION) return `${STATE} has format version ${JSON.stringify(state?.v)}, this program reads ${CHECKPOINT_FORMAT_VERSION}`;
  const malformed = malformedState(state);
  if (malformed) return `${STATE} is malformed (${malformed})`;
  if (state.runId !== expected.runId || state.configHash !== expected.configHash) {
    throw new InputError(messages.checkpointOtherConfig(statePath, state.configHash, expected.configHash));
  }
  if (!(state.eventsBytes <= expected.eventsBytes)) return `the event log is shorter (${expected.eventsBytes} bytes) than when the checkpoint was written (${state.eventsBytes})`;
  const tensorsPath = join(dir, TENSORS);
  if (!existsSync(tensorsPath)) return `${TENSORS} is missing`;
  const bytes = readFileSync(tensorsPath);
  if (bytes.byteLength !== state.tensors.bytes) return `${TENSORS} has ${bytes.byteLength} bytes, ${STATE} says ${state.tensors.bytes} (truncated or overwritten)`;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== state.tensors.sha256) return `${TENSORS} has sha256 ${sha256.slice(0, 12)}..., ${STATE} says ${String(state.tensors.sha256).slice(0, 12)}...`;
  const shapeProblem = checkShapes(state.tensors.specs, expected, state.hasBestCopy === true);
  if (shapeProblem) return shapeProblem;
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  const all = tf.io.decodeWeights(data, state.tensors.specs);
  const maps: Record<string, tf.NamedTensorMap> = Object.fromEntries(TENSOR_PREFIXES.map((p) => [p, {}]));
  for (const [name, tensor] of Object.entries(all)) {
    const prefix = TENSOR_PREFIXES.find((p) => name.startsWith(p)) as string;
    maps[prefix][name.slice(prefix.length)] = tensor;
  }
  return { dir, state, weights: maps[WEIGHT_PREFIX], velocities: maps[VELOCITY_PREFIX], modelState: maps[STATE_PREFIX], best: maps[BEST_PREFIX] };
}

/** The parts of state.json a resume reads, checked for type: a hand-edited or damaged file must not throw later. */
function malformedState(s: CheckpointState): string | null {
  const isInt = (n: unknown, min: number) => Number.isInteger(n) && (n as number) >= min;
  const p = s.position;
  if (!p || !isInt(p.epoch, 1) || !isInt(p.batch, 0) || !isInt(p.step, 0)) return 'position';
  if (!s.schedule || typeof s.schedule.learningRate !== 'number') return 'schedule';
  if (!s.earlyStopping || typeof s.earlyStopping.epochsWithoutImprovement !== 'number') return 'earlyStopping';
  if (!s.result || !Array.isArray(s.result.epochTimesMs)) return 'result';
  if (!s.streams || typeof s.streams !== 'object') return 'streams';
  const isSums = (x: unknown) => typeof x === 'object' && x !== null && Array.isArray((x as { missSums?: unknown }).missSums);
  if (s.epochSums !== null && !isSums(s.epochSums)) return 'epochSums';
  if (!isSums(s.windowSums)) return 'windowSums';
  if (!s.tensors || typeof s.tensors !== 'object' || !isInt(s.tensors.bytes, 0)) return 'tensors';
  if (!isInt(s.eventsBytes, 0) || typeof s.elapsedMs !== 'number') return 'eventsBytes';
  return null;
}

/**
 * Every model weight and its velocity, and every state tensor, with the model's shape and
 * float32, and nothing else but, when state.json says there is one, a copy of the best
 * epoch's net (its weights and state) of the same shapes.
 */
function checkShapes(specs: tf.io.WeightsManifestEntry[] | undefined, expected: Expected, hasBest: boolean): string | null {
  if (!Array.isArray(specs)) return `${STATE} lists no tensors`;
  const { shapes, stateShapes } = expected;
  const byName = new Map(specs.map((s) => [s.name, s]));
  const wanted = [
    ...[...shapes].flatMap(([name, shape]) => [WEIGHT_PREFIX, VELOCITY_PREFIX].map((prefix) => [prefix + name, shape] as const)),
    ...[...stateShapes].map(([name, shape]) => [STATE_PREFIX + name, shape] as const),
    ...(hasBest ? [...shapes, ...stateShapes].map(([name, shape]) => [BEST_PREFIX + name, shape] as const) : []),
  ];
  if (byName.size !== wanted.length) {
    const parts = ['weights', 'velocities', ...(stateShapes.size ? ['model state'] : []), ...(hasBest ? ['the best epoch\'s copy'] : [])];
    const what = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    return `${TENSORS} holds ${byName.size} tensors, the model needs ${wanted.length} (${what})`;
  }
  for (const [name, shape] of wanted) {
    const spec = byName.get(name);
    if (!spec) return `${TENSORS} lacks ${name}`;
    if (spec.dtype !== 'float32') return `${name} is ${spec.dtype}, not float32`;
    if (JSON.stringify(spec.shape) !== JSON.stringify(shape)) {
      return `${name} has shape [${spec.shape.join(', ')}], the model has [${shape.join(', ')}]`;
    }
  }
  return null;
}

/** Removes a run's checkpoints (after it finished: summary and final weights are its record). */
export function removeCheckpoints(runDir: string): void {
  rmSync(checkpointsDir(runDir), { recursive: true, force: true });
}

/** Removes checkpoints newer than `keepDir` (the unusable ones a resume skipped). */
export function removeCheckpointsAfter(runDir: string, keepDir: string): void {
  for (const dir of listCheckpoints(runDir)) {
    if (dir === keepDir) return;
    rmSync(dir, { recursive: true, force: true });
  }
}
