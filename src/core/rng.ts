/**
 * Seeded randomness. A run has one required root seed; every consumer draws from a named
 * sub-stream whose seed is a hash of (root seed, name), never seed+1, never 0 (tfjs's
 * random ops treat a seed of 0 as "no seed" and fall back to an unseeded generator).
 *
 * Streams that advance per step or per epoch are derived again from (stream seed, epoch,
 * step), so a checkpoint only needs the position to restore them; `Stream` also exposes
 * seedrandom's full state for consumers that draw sequentially.
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';

/** The named sub-streams of a run. */
export type StreamName = 'init' | 'order' | 'augment' | 'dropout';

const UINT31 = 0x7fffffff;

/**
 * A positive 31-bit integer derived from a parent seed and a path of names/numbers.
 * 31 bits so that it is a safe seed everywhere (tfjs, seedrandom, JSON); never 0.
 */
export function deriveSeed(parent: number, ...path: Array<string | number>): number {
  const h = createHash('sha256').update(`${parent}`);
  for (const part of path) h.update(`/${part}`);
  const word = h.digest().readUInt32BE(0) & UINT31;
  return word === 0 ? 1 : word;
}

/** The seed of each named stream of a run. */
export function streamSeeds(rootSeed: number): Record<StreamName, number> {
  if (!Number.isInteger(rootSeed) || rootSeed <= 0) {
    throw new RangeError(`root seed must be a positive integer, got ${rootSeed}`);
  }
  return {
    init: deriveSeed(rootSeed, 'init'),
    order: deriveSeed(rootSeed, 'order'),
    augment: deriveSeed(rootSeed, 'augment'),
    dropout: deriveSeed(rootSeed, 'dropout'),
  };
}

export type StreamState = seedrandom.State.Arc4;

/** A sequential random stream whose state can be captured and restored (checkpoints). */
export interface Stream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box-Muller), mean 0, std 1. */
  normal(): number;
  state(): StreamState;
}

export function createStream(seed: number, restore?: StreamState): Stream {
  const rng = seedrandom(`${seed}`, restore ? { state: restore } : { state: true });
  return {
    next: () => rng.quick(),
    int: (n: number) => Math.floor(rng.quick() * n),
    normal: () => {
      // 1 - u keeps the argument of log in (0, 1].
      const u = 1 - rng.double();
      const v = rng.double();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    state: () => (rng as unknown as { state(): StreamState }).state(),
  };
}

/** Fisher-Yates permutation of 0..n-1, drawn from `stream`. */
export function permutation(n: number, stream: Stream): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = stream.int(i + 1);
    const t = p[i];
    p[i] = p[j];
    p[j] = t;
  }
  return p;
}
