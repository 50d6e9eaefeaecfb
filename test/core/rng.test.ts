import t from 'tap';
import { deriveSeed, streamSeeds, createStream, permutation } from '../../src/core/rng.js';

t.test('derived seeds are positive, distinct per name and stable', async (t) => {
  const s = streamSeeds(42);
  const values = Object.values(s);
  t.equal(new Set(values).size, values.length, 'each stream has its own seed');
  for (const v of values) t.ok(Number.isInteger(v) && v > 0 && v <= 0x7fffffff);
  t.same(streamSeeds(42), s, 'same root, same seeds');
  t.not(streamSeeds(43).init, s.init, 'another root, another init seed');
  t.equal(deriveSeed(7, 'order', 3), deriveSeed(7, 'order', 3));
  t.not(deriveSeed(7, 'order', 3), deriveSeed(7, 'order', 4));
});

t.test('root seed must be a positive integer', async (t) => {
  t.throws(() => streamSeeds(0), /positive integer/);
  t.throws(() => streamSeeds(1.5), /positive integer/);
});

t.test('a stream restored from its state continues identically', async (t) => {
  const a = createStream(99);
  for (let i = 0; i < 10; i++) a.next();
  const saved = a.state();
  const expected = [a.next(), a.normal(), a.int(1000)];
  const b = createStream(99, saved);
  t.same([b.next(), b.normal(), b.int(1000)], expected);
});

t.test('permutation is a seeded permutation', async (t) => {
  const p = permutation(100, createStream(5));
  t.same([...p].sort((x, y) => x - y), [...Array(100).keys()]);
  t.same(permutation(100, createStream(5)), p);
  t.notSame(permutation(100, createStream(6)), p);
});
