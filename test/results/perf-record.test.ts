/**
 * perf/<name>.json (results/perf-record.ts): written atomically with the measurement and
 * where it was taken, read back by the one results reader beside the experiment folders;
 * damaged or foreign files are listed as problems, bad names refused.
 */
import t from 'tap';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { perfRecord, writePerfRecord, type PerfResult } from '../../src/results/perf-record.js';
import { readPerfRecords, readResultsFolder } from '../../src/results/read-results.js';
import { writeResults } from '../helpers/results.js';

const RESULT: PerfResult = {
  engine: 'wasm', engineVersion: '4.22.0', device: 'CPU (WebAssembly SIMD, 2 threads)', variant: 'paper', lrn: true,
  inputSize: 227, batchSize: 64, parameters: 60_965_224,
  train: { imagesPerSecond: 3.5, stepMsMedian: 18_000, steps: 3 },
  inference: { imagesPerSecond: 20, batchMsMedian: 3200, batches: 3 },
  peakTensorBytes: 2e9, rssBytes: 3e9, peakRssBytes: 3.5e9, wasmHeapBytes: 4e9, kernels: [],
};

t.test('a record holds the measurement, the date, commit, Node and host', async (t) => {
  const record = perfRecord('paper-b64', RESULT, new Date(Date.UTC(2025, 0, 2, 3, 4, 5)));
  t.match(record, { version: 1, kind: 'perf', name: 'paper-b64', ...RESULT, date: '2025-01-02T03:04:05.000Z', node: process.version });
  t.match(record.commit, /^[0-9a-f]{40}$/, 'this checkout is a git repository');
  t.type(record.dirty, 'boolean');
  t.ok(record.host.cores >= 1 && record.host.cpu.length > 0);
});

t.test('written to <results>/perf/<name>.json beside experiment folders, read back by the results reader', async (t) => {
  const dir = writeResults(t.testdir({}), [{ name: 'exp', runs: [{ runId: 'r1', valTop1: 0.3 }] }]);
  const path = writePerfRecord(dir, perfRecord('paper-b64', RESULT));
  t.equal(path, join(dir, 'perf', 'paper-b64.json'));
  writePerfRecord(dir, perfRecord('paper-b32', { ...RESULT, batchSize: 32 }));
  writePerfRecord(dir, perfRecord('paper-b32', { ...RESULT, batchSize: 16 }));
  t.same(readdirSync(join(dir, 'perf')), ['paper-b32.json', 'paper-b64.json'], 'no temporary file left; the same name replaces the record');
  const folder = readResultsFolder(dir);
  t.same(folder.experiments.map((e) => e.runs.map((r) => r.runId)), [['r1']], 'the perf folder is no experiment');
  t.same(folder.perf.map((p) => [p.name, p.batchSize]), [['paper-b32', 16], ['paper-b64', 64]], 'sorted by name');
  t.same(folder.problems, []);
  t.same(JSON.parse(readFileSync(path, 'utf8')), folder.perf[1], 'the file is the record');
});

t.test('damaged and foreign files are problems; no perf folder is no records', async (t) => {
  const dir = t.testdir({});
  t.same(readPerfRecords(dir), { records: [], problems: [] });
  mkdirSync(join(dir, 'perf'));
  writeFileSync(join(dir, 'perf', 'torn.json'), '{"kind": "pe');
  writeFileSync(join(dir, 'perf', 'other.json'), '{"kind": "ensemble"}');
  writeFileSync(join(dir, 'perf', 'notes.txt'), 'not read');
  const { records, problems } = readPerfRecords(dir);
  t.same(records, []);
  t.same(problems.map((p) => [p.file, p.path]), [['perf', join(dir, 'perf', 'other.json')], ['perf', join(dir, 'perf', 'torn.json')]]);
  t.match(problems[0].error.message, /other\.json: not a perf record \(no "kind": "perf"\)/);
});

t.test('a name must be one plain file name', async (t) => {
  const dir = t.testdir({});
  for (const name of ['', '../up', 'a/b', '.hidden', 'x'.repeat(101), 'sp ace']) {
    t.throws(() => writePerfRecord(dir, perfRecord(name, RESULT)), { name: 'InputError', message: /^--name: .* is not allowed; use 1 to 100 letters, digits/ }, JSON.stringify(name));
  }
  t.same(readdirSync(dir), [], 'nothing written');
});
