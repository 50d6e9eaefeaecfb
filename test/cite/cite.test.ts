import t from 'tap';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { citeResults, resultSetHash } from '../../src/cite/cite.js';
import { CITATION_PATH, parseCitationCff, readCitationCff } from '../../src/cite/citation-file.js';
import { readResultSets } from '../../src/results/run-metrics.js';
import { writeResults, type FakeRun } from '../helpers/results.js';
import { inputError } from '../helpers/errors.js';

const runs: FakeRun[] = [
  { runId: 'b2', seed: 2, valTop1: 0.3 },
  { runId: 'a1', seed: 1, valTop1: 0.2 },
];

t.test('CITATION.cff: version matches package.json, authors as required', async (t) => {
  const pkg = JSON.parse(readFileSync(join(CITATION_PATH, '..', 'package.json'), 'utf8'));
  const c = readCitationCff();
  t.equal(c.version, pkg.version);
  t.same(c.authors, ['AlexNet bench contributors']);
  t.match(readFileSync(CITATION_PATH, 'utf8'), /^cff-version: 1\.2\.0$/m);
  t.match(await inputError(t, () => parseCitationCff('title: x\n', 'C.cff')), /C\.cff: CITATION\.cff lacks "version"/);
});

t.test('three entries; the hash depends on content, not on order or folder', async (t) => {
  const dir = t.testdir({});
  const one = writeResults(join(dir, 'one'), [{ runs }]);
  const two = writeResults(join(dir, 'two'), [{ runs: [...runs].reverse() }]);
  const a = citeResults([one]);
  t.equal(a.entries.length, 3);
  t.match(a.entries[0], /Krizhevsky, Alex and Sutskever, Ilya and Hinton, Geoffrey E\./);
  t.match(a.entries[0], /NIPS 2012/);
  t.match(a.entries[1], /@software\{alexnet_bench,[\s\S]*version = \{0\.1\.0\}/);
  t.match(a.entries[2], new RegExp(`sha256:${a.hash}`));
  t.match(a.entries[2], /engine wasm; commit c0ffee; seeds 1, 2/);
  t.equal(citeResults([two]).hash, a.hash);
  const changed = writeResults(join(dir, 'three'), [{ runs: [{ ...runs[0], valTop1: 0.31 }, runs[1]] }]);
  t.not(citeResults([changed]).hash, a.hash, 'one changed metric changes the hash');
  const weights = writeResults(join(dir, 'four'), [{ runs: [{ ...runs[0], weightsSha256: 'other' }, runs[1]] }]);
  t.not(resultSetHash(readResultSets(weights).flatMap((s) => s.runs)), a.hash, 'changed weights change the hash');
});

t.test('no results is bad input', async (t) => {
  const dir = t.testdir({ empty: {} });
  t.match(await inputError(t, () => citeResults([join(dir, 'empty')])), /no finished runs found/);
});
