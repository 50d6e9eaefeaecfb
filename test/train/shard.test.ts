import t from 'tap';
import { parseShard, selectShard } from '../../src/train/shard.js';

t.test('--shard i/n: 0-based, whole numbers, i < n', async (t) => {
  t.same(parseShard('0/1'), { index: 0, count: 1 });
  t.same(parseShard('3/4'), { index: 3, count: 4 });
  for (const [bad, why] of [
    ['0/0', /n must be at least 1/], ['3/2', /i must be below n: shards are numbered 0 to 1/], ['2/2', /numbered 0 to 1/],
    ['-1/2', /not of the form i\/n/], ['a/b', /not of the form/], ['1', /not of the form/], ['1/2/3', /not of the form/], ['1.5/2', /not of the form/],
  ] as const) {
    t.throws(() => parseShard(bad), { exitCode: 2, message: why }, bad);
    t.throws(() => parseShard(bad), { message: /use i\/n with whole numbers 0 <= i < n, 0-based/ }, `${bad}: says what is allowed`);
  }
});

t.test('shards partition the runs evenly, the same way on every machine', async (t) => {
  const items = Array.from({ length: 11 }, (_, i) => `run-${(i * 7919) % 101}`);
  const key = (s: string) => s;
  const shards = [0, 1, 2].map((index) => selectShard(items, key, { index, count: 3 }));
  t.same(shards.flat().sort(), [...items].sort(), 'every run in some shard');
  t.equal(new Set(shards.flat()).size, items.length, 'no run in two shards');
  t.same(shards.map((s) => s.length).sort(), [3, 4, 4], 'sizes differ by at most one');
  const reversed = [0, 1, 2].map((index) => selectShard([...items].reverse(), key, { index, count: 3 }));
  t.same(reversed.map((s) => [...s].sort()), shards.map((s) => [...s].sort()), 'the order the runs are listed in does not matter');
  t.same(selectShard(items, key, { index: 5, count: 20 }), [items.slice().sort()[5]], 'more shards than runs: some shards are empty');
});
