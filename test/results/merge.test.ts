import t from 'tap';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergeResults } from '../../src/results/merge.js';

interface FakeRun { id: string; status?: string; weights?: string }

/** A results folder as bench run writes it, reduced to the files merge reads. */
function results(root: string, runs: FakeRun[], resolved: Record<string, unknown> = { name: 'exp', engine: 'wasm', runIds: ['a', 'b', 'c'] }): string {
  const exp = join(root, 'exp');
  mkdirSync(exp, { recursive: true });
  writeFileSync(join(exp, 'experiment.resolved.json'), JSON.stringify({ ...resolved, source: `${root}/exp.json` }));
  for (const r of runs) {
    mkdirSync(join(exp, r.id, 'checkpoints'), { recursive: true });
    writeFileSync(join(exp, r.id, 'run.json'), JSON.stringify({ runId: r.id, seed: 1 }));
    writeFileSync(join(exp, r.id, 'events.jsonl'), '{}\n');
    if (r.status) {
      writeFileSync(join(exp, r.id, 'summary.json'), JSON.stringify({
        status: r.status, epochsCompleted: 1, steps: 4, final: { val: { loss: 1, errors: { top1: 0.5 } } }, best: null,
        finalLearningRate: 0.01, weightsSha256: r.weights ?? `w-${r.id}`, dataFingerprint: 'd', timings: { totalMs: Math.random() },
      }));
    }
  }
  return root;
}

t.test('shard folders merge into one; unfinished runs stay out; merging again changes nothing', async (t) => {
  const dir = t.testdir({});
  const s0 = results(join(dir, 's0'), [{ id: 'a', status: 'completed' }, { id: 'c' }]);
  const s1 = results(join(dir, 's1'), [{ id: 'b', status: 'diverged' }]);
  const out = join(dir, 'all');
  const report = mergeResults({ outDir: out, inputs: [s0, s1] });
  t.same(report.copied.map((r) => r.runId).sort(), ['a', 'b']);
  t.same(report.unfinished.map((r) => r.runId), ['c']);
  t.ok(existsSync(join(out, 'exp', 'a', 'summary.json')));
  t.notOk(existsSync(join(out, 'exp', 'a', 'checkpoints')), 'checkpoints are not copied');
  t.notOk(existsSync(join(out, 'exp', 'c')), 'the unfinished run is not merged');
  t.equal(JSON.parse(readFileSync(join(out, 'exp', 'experiment.resolved.json'), 'utf8')).engine, 'wasm');
  const again = mergeResults({ outDir: out, inputs: [s0, s1] });
  t.same(again.copied, []);
  t.equal(again.identical.length, 2, 'same run, same numbers (timings aside): identical');
});

t.test('conflicts and bad folders are refused before anything is written', async (t) => {
  const dir = t.testdir({});
  const s0 = results(join(dir, 's0'), [{ id: 'a', status: 'completed' }]);
  const other = results(join(dir, 'other'), [{ id: 'a', status: 'completed', weights: 'different' }]);
  t.throws(() => mergeResults({ outDir: join(dir, 'x'), inputs: [s0, other] }), {
    exitCode: 2,
    message: /other\/exp\/a: run differs from .*s0\/exp\/a with the same run id \(\/weightsSha256 "w-a" -> "different"\); .*remove the one you do not trust/,
  });
  t.notOk(existsSync(join(dir, 'x', 'exp', 'a')), 'nothing merged');
  const changed = results(join(dir, 'changed'), [], { name: 'exp', engine: 'cpu', runIds: ['a'] });
  t.throws(() => mergeResults({ outDir: join(dir, 'y'), inputs: [s0, changed] }), {
    exitCode: 2, message: /changed\/exp\/experiment\.resolved\.json: experiment\.resolved\.json differs from .*\(\/engine "wasm" -> "cpu", \/runIds/,
  });
  t.throws(() => mergeResults({ outDir: join(dir, 'z'), inputs: [join(dir, 'nope')] }), { exitCode: 2, message: /nope: not a results folder \(no such folder\)/ });
  mkdirSync(join(dir, 'empty'));
  t.throws(() => mergeResults({ outDir: join(dir, 'z'), inputs: [join(dir, 'empty')] }), { exitCode: 2, message: /empty: not a results folder \(no subfolder holds an experiment\.resolved\.json\)/ });
  t.throws(() => mergeResults({ outDir: join(s0, 'inner'), inputs: [s0] }), { exitCode: 2, message: /is one of the inputs or inside one/ });
});
