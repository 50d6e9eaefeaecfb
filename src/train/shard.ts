/**
 * `--shard i/n`: this process trains only its share of the expanded (experiment x variant
 * x seed) runs. i is 0-based (0 <= i < n), like Kubernetes' JOB_COMPLETION_INDEX and a
 * Slurm array declared --array=0-(n-1). The runs are sorted by a key that depends on
 * neither the engine nor the machine (the hash of the resolved run, then the experiment
 * name) and dealt round-robin, so every shard computes the same partition, each run is in
 * exactly one shard and shard sizes differ by at most one.
 */
import { InputError, messages } from '../core/errors.js';
import { configHash, type ResolvedRun } from '../experiment/resolve.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(value.trim());
  if (!m) throw new InputError(messages.badShard(value, 'not of the form i/n with whole numbers'));
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) throw new InputError(messages.badShard(value, 'numbers too large'));
  if (count < 1) throw new InputError(messages.badShard(value, 'n must be at least 1'));
  if (index >= count) throw new InputError(messages.badShard(value, `i must be below n: shards are numbered 0 to ${count - 1}`));
  return { index, count };
}

/** The key runs are sorted by: the same on every machine and engine. */
export function shardKey(run: ResolvedRun): string {
  return `${configHash(run, '')}/${run.experiment}`;
}

/** This shard's items, in their original order. */
export function selectShard<T>(items: readonly T[], key: (item: T) => string, shard: Shard): T[] {
  const keyed = items.map((item, position) => ({ key: key(item), position }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.position - b.position));
  const mine = new Set(keyed.filter((_, rank) => rank % shard.count === shard.index).map((k) => k.position));
  return items.filter((_, position) => mine.has(position));
}
