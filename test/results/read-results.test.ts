/**
 * The one reader of the results layout: complete, in-progress and damaged runs are read
 * without throwing (damage is listed, not hidden), ensembles are read, and experiment folders
 * are found whether the folder given is one or holds several.
 */
import t from 'tap';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentFolders, experimentNames } from '../../src/results/layout.js';
import { readExperimentFolder, readRunFolder } from '../../src/results/read-results.js';
import { writeResults, type FakeExperiment } from '../helpers/results.js';

const experiment: FakeExperiment = {
  name: 'exp',
  runs: [
    { runId: 'done', seed: 1, valTop1: 0.3, trainTop1: [0.9, 0.5] },
    { runId: 'running', seed: 2, valTop1: 0.4, status: 'in-progress' },
  ],
  ensembles: [{ id: 'e1', members: ['done', 'a-other'], top1: 0.25, top5: 0.1 }],
};

t.test('a complete run: every file read, epoch points from the event log', async (t) => {
  const dir = writeResults(t.testdir({}), [experiment]);
  const run = readRunFolder(join(dir, 'exp', 'done'));
  t.equal(run.runId, 'done');
  t.same(run.exists, { run: true, summary: true, provenance: true, weights: false });
  t.equal(run.run?.experiment, 'exp');
  t.equal(run.state, 'completed');
  t.equal(run.summary?.final.val?.errors.top1, 0.3);
  t.equal(run.summaryText, readFileSync(join(dir, 'exp', 'done', 'summary.json'), 'utf8'));
  t.equal(run.provenance?.git.commit, 'c0ffee');
  t.equal(run.events.length, 7, 'run_start and three events per epoch');
  t.same(run.epochs.map((p) => [p.epoch, p.trainTop1, p.elapsedMs]), [[1, 0.9, 1000], [2, 0.5, 2000]]);
  t.same(run.problems, []);
});

t.test('an in-progress run has no summary; a torn last event line is left out', async (t) => {
  const dir = writeResults(t.testdir({}), [experiment]);
  const events = join(dir, 'exp', 'running', 'events.jsonl');
  appendFileSync(events, '{"v":1,"type":"epoch_end","timeMs":0,"elap');
  const run = readRunFolder(join(dir, 'exp', 'running'));
  t.equal(run.state, 'in-progress');
  t.equal(run.summary, null);
  t.equal(run.summaryText, '');
  t.equal(run.exists.summary, false);
  t.equal(run.events.length, 7, 'the whole lines only');
  t.same(run.problems, [], 'a missing summary and a torn line are no problems');
});

t.test('an unreadable summary reads as in progress and is listed as a problem', async (t) => {
  const dir = writeResults(t.testdir({}), [experiment]);
  const path = join(dir, 'exp', 'done', 'summary.json');
  writeFileSync(path, '{"status":');
  const run = readRunFolder(join(dir, 'exp', 'done'));
  t.equal(run.summary, null);
  t.equal(run.state, 'in-progress');
  t.equal(run.summaryText, '{"status":', 'the text as written');
  t.same(run.problems.map((p) => [p.file, p.path]), [['summary', path]]);
  t.match(run.problems[0].error.message, /JSON/);
});

t.test('an experiment folder: resolved file, run folders by name, ensembles', async (t) => {
  const dir = writeResults(t.testdir({}), [experiment]);
  // Neither a run folder (no run.json or summary.json) nor a well-formed ensemble record: not read.
  mkdirSync(join(dir, 'exp', 'notes'));
  writeFileSync(join(dir, 'exp', 'ensembles', 'broken.json'), '{"kind":"ensemble"}');
  const folder = readExperimentFolder(join(dir, 'exp'));
  t.equal(folder.resolved?.name, 'exp');
  t.same(folder.runs.map((r) => r.runId), ['done', 'running']);
  t.same(folder.ensembles.map((e) => [e.id, e.members, e.errors.top1]), [['e1', ['a-other', 'done'], 0.25]], 'members sorted');
  t.same(folder.problems, []);
  writeFileSync(join(dir, 'exp', 'experiment.resolved.json'), '{');
  const damaged = readExperimentFolder(join(dir, 'exp'));
  t.equal(damaged.resolved, null);
  t.same(damaged.problems.map((p) => p.file), ['resolved']);
});

t.test('experiment folders: the folder itself when it is one, else its children that are', async (t) => {
  const dir = writeResults(t.testdir({}), [{ name: 'b', runs: [] }, { name: 'a', runs: [] }]);
  mkdirSync(join(dir, 'not-an-experiment'));
  t.same(experimentNames(dir), ['a', 'b']);
  t.same(experimentFolders(dir), [join(dir, 'a'), join(dir, 'b')]);
  t.same(experimentFolders(join(dir, 'a')), [join(dir, 'a')], 'an experiment folder names only itself');
  t.same(experimentFolders(join(dir, 'not-an-experiment')), []);
  t.same(experimentNames(join(dir, 'nope')), [], 'a results folder not written yet holds none');
});
