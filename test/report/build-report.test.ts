/**
 * Issue 4: the report folder. Files produced, byte-identical regeneration, escaping of user
 * text in every format, gaps for unfinished runs and missing metrics, mixed and several
 * results folders, and bad input as InputError. Results are hand-written (no training).
 */
import t from 'tap';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildReport } from '../../src/report/build-report.js';
import { VERDICT_RULE } from '../../src/report/verdict.js';
import { escapeHtml, escapeMarkdown as md } from '../../src/report/escape.js';
import { inputError } from '../helpers/errors.js';
import { lrnGrid, writeResults } from '../helpers/results.js';

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

t.test('writes every file, and the same results give byte-identical files', async (t) => {
  const dir = t.testdir({});
  const results = writeResults(join(dir, 'results'), [lrnGrid('lrn', [0.3, 0.31, 0.29], [0.35, 0.36, 0.34])]);
  const out = join(dir, 'report');
  const first = await buildReport({ folders: [results], out });
  for (const f of ['index.html', 'report.json', 'results.md', 'results.tex', 'claims.md']) t.ok(existsSync(join(out, f)), f);
  const svgs = first.files.filter((f) => f.endsWith('.svg'));
  t.ok(svgs.length >= 4, `${svgs.length} SVG figures`);
  for (const svg of svgs) {
    t.ok(existsSync(join(out, svg.replace(/\.svg$/, '.png'))), `${svg} has a PNG`);
    t.match(read(out, svg), /font-family="DejaVu Sans"|font-family: DejaVu Sans|DejaVu Sans/, `${svg} uses the fixed font`);
  }
  // Regenerate into the same path (the command in the report names it), keeping the first aside.
  renameSync(out, join(dir, 'first'));
  await buildReport({ folders: [results], out });
  const a = allFiles(join(dir, 'first')).map((p) => relative(join(dir, 'first'), p)).sort();
  const b = allFiles(out).map((p) => relative(out, p)).sort();
  t.same(b, a, 'the same file names');
  for (const f of a) t.ok(readFileSync(join(dir, 'first', f)).equals(readFileSync(join(out, f))), `${f} is byte-identical`);
  t.notMatch(read(out, 'index.html'), /https?:\/\/(?!vega\.github\.io\/schema)[^"'\s]*\.js/, 'no script is fetched from the network');
  const report = JSON.parse(read(out, 'report.json'));
  t.equal(report.regenerate, `npx bench report ${results} --out ${out}`);
  t.same(report.provenance.seeds, [1, 2, 3]);
  t.match(read(out, 'results.md'), /npx bench report/);
  t.match(read(out, 'results.md'), /@inproceedings\{krizhevsky2012imagenet/, 'how to cite');
  t.match(read(out, 'results.tex'), /\\toprule[\s\S]*\\midrule[\s\S]*\\bottomrule/, 'booktabs');
});

t.test('experiment names and descriptions are escaped in HTML, markdown and LaTeX', async (t) => {
  const dir = t.testdir({});
  const evil = `<script>"'x`;
  const grid = { ...lrnGrid(evil, [0.3, 0.31], [0.35, 0.36]), folder: 'evil', description: 'a & b <b>bold</b> 100% $x_1$' };
  const results = writeResults(join(dir, 'results'), [grid]);
  const out = join(dir, 'report');
  await buildReport({ folders: [results], out });
  const html = read(out, 'index.html');
  t.notOk(html.includes(evil), 'the raw name never reaches index.html');
  t.ok(html.includes('&lt;script&gt;&quot;&#39;x'), 'escaped in the HTML text');
  t.notOk(html.includes('<b>bold</b>'), 'description markup is text');
  t.ok(html.includes('\\u003cscript\\u003e'), 'escaped inside the JSON chart specs');
  const mdText = read(out, 'results.md');
  t.notOk(mdText.includes('<script>'), 'no raw tag in results.md');
  t.ok(mdText.includes('\\<script\\>"\'x'), 'backslash-escaped in markdown');
  t.notOk(read(out, 'claims.md').includes('<script>'));
  const tex = read(out, 'results.tex');
  t.ok(tex.includes('\\textless{}script\\textgreater{}\\textquotedbl{}\\textquotesingle{}x'), 'escaped in LaTeX');
  t.ok(tex.includes('100\\%') && tex.includes('\\$x\\_1\\$') && tex.includes('a \\& b'), 'LaTeX specials in the description');
  for (const f of readdirSync(join(out, 'figures')).filter((n) => n.endsWith('.svg'))) t.notOk(read(join(out, 'figures'), f).includes('<script'), `${f} has no script element`);
});

t.test('failed, in-progress runs and a missing metric are marked gaps, not silently dropped', async (t) => {
  const dir = t.testdir({});
  const grid = lrnGrid('gaps', [0.3, 0.31], [0.35, 0.36]);
  grid.runs.push({ runId: 'failed-3', axes: { normalization: 'lrn' }, seed: 3, valTop1: 0.5, status: 'failed', message: 'out of memory' });
  grid.runs.push({ runId: 'busy-3', axes: { normalization: 'none' }, seed: 3, valTop1: 0.5, status: 'in-progress' });
  grid.runs.push({ runId: 'no-top5-4', axes: { normalization: 'lrn' }, seed: 4, valTop1: 0.3, valTop5: null });
  const results = writeResults(join(dir, 'results'), [grid]);
  const out = join(dir, 'report');
  const r = await buildReport({ folders: [results], out });
  const gaps = r.model.experiments[0]!.gaps;
  t.match(gaps.join('\n'), /failed-3 \(seed 3\): failed \(out of memory\)/);
  t.match(gaps.join('\n'), /busy-3 \(seed 3\): still in progress/);
  t.match(gaps.join('\n'), /no-top5-4 \(seed 4\): no top-5 error recorded/);
  const mdText = read(out, 'results.md');
  t.equal((mdText.match(/- GAP: /g) ?? []).length, 3, 'three gap lines in results.md');
  t.match(read(out, 'index.html'), /GAP: failed-3/);
  t.equal(r.model.provenance.completed, 5, 'completed runs: the 4 of the grid and the one without top-5');
  t.equal(r.model.experiments[0]!.variants.length, 2, "both LRN variants still shown");
});

t.test('several results folders are compared; mixed runs and repeats are bad input', async (t) => {
  const dir = t.testdir({});
  const a = writeResults(join(dir, 'a'), [lrnGrid('first', [0.3, 0.31], [0.35, 0.36])]);
  const b = writeResults(join(dir, 'b'), [{ ...lrnGrid('second', [0.2, 0.21], [0.25, 0.26]), reference: 'ilsvrc2012-5cnn-val' }]);
  const r = await buildReport({ folders: [a, b], out: join(dir, 'report') });
  t.same(r.model.experiments.map((e) => e.name), ['first', 'second']);
  t.same(r.model.experiments.map((e) => e.reference.id), ['ilsvrc2012-1cnn-val', 'ilsvrc2012-5cnn-val'], 'the default row is the single net');
  t.notMatch(r.model.experiments[0]!.referenceNote, /NOT like for like/);
  t.match(r.model.experiments[1]!.referenceNote, /single-net variants are NOT like for like with it/, 'a single net against the 5-CNN row says so');
  t.same([...new Set(r.model.effects.map((e) => e.experiment))], ['first', 'second']);
  t.match(await inputError(t, () => buildReport({ folders: [a, a], out: join(dir, 'r2') })), /results folder given more than once; give each folder once/);
  // The same experiment in two folders (say, two engines) is compared, each named by its folder.
  const a2 = writeResults(join(dir, 'a2'), [lrnGrid('first', [0.1, 0.11], [0.15, 0.16])]);
  const both = await buildReport({ folders: [a, a2], out: join(dir, 'r4') });
  t.same(both.model.experiments.map((e) => e.name), [`first (${a})`, `first (${a2})`]);
  // A run of another experiment inside this experiment's folder.
  const mixed = writeResults(join(dir, 'mixed'), [lrnGrid('mine', [0.3, 0.31], [0.35, 0.36])]);
  const runJson = join(mixed, 'mine', 'on-1', 'run.json');
  writeFileSync(runJson, readFileSync(runJson, 'utf8').replace('"experiment":"mine"', '"experiment":"theirs"'));
  t.match(await inputError(t, () => buildReport({ folders: [mixed], out: join(dir, 'r3') })), /run of experiment "theirs" inside the folder of "mine"; move it/);
});

t.test('ensembles are shown as their own rows', async (t) => {
  const dir = t.testdir({});
  const grid = { ...lrnGrid('ens', [0.3, 0.31], [0.35, 0.36]), ensembles: [{ id: 'e1', members: ['on-1', 'on-2'], top1: 0.25, top5: 0.1 }] };
  const results = writeResults(join(dir, 'results'), [grid]);
  const out = join(dir, 'report');
  const r = await buildReport({ folders: [results], out });
  t.equal(r.model.experiments[0]!.ensembles.length, 1);
  t.match(r.model.experiments[0]!.referenceNote, /ensemble rows are not like for like with it/, 'the default single-net row is not set against an ensemble');
  t.match(read(out, 'results.md'), /### Ensembles[\s\S]*\| e1 \| 2 \| centre \| val \| 25\.00 \| 10\.00 \|/);
});

t.test('the verdict rule is printed in claims.md, results.md and index.html', async (t) => {
  const dir = t.testdir({});
  const results = writeResults(join(dir, 'results'), [lrnGrid('rule', [0.3, 0.31, 0.29], [0.35, 0.36, 0.34])]);
  const out = join(dir, 'report');
  const r = await buildReport({ folders: [results], out });
  for (const [f, escape] of [['claims.md', md], ['results.md', md], ['index.html', escapeHtml]] as const) {
    t.ok(read(out, f).includes(`Rule: ${escape(VERDICT_RULE)}`), `${f} prints the whole rule`);
  }
  t.match(VERDICT_RULE, /"smaller than claimed" when lo > 0 and hi < c\/2/, 'the magnitude rule');
  t.match(VERDICT_RULE, /"no effect detected within \+-m" when -m <= lo and hi <= m/, 'the direction rule');
  t.match(read(out, 'claims.md'), /same direction \(direction only, on an unknown data set\)/, 'a direction verdict names the data set');
  t.equal(r.model.verdictRule, VERDICT_RULE);
});

t.test('bad input: empty or missing folder, --out that is not a report', async (t) => {
  const dir = t.testdir({ empty: {}, other: { 'notes.txt': 'mine' } });
  t.match(await inputError(t, () => buildReport({ folders: [join(dir, 'empty')], out: join(dir, 'r') })), /empty: no experiment results here .*run "bench run EXPERIMENT --out/);
  t.match(await inputError(t, () => buildReport({ folders: [join(dir, 'nope')], out: join(dir, 'r') })), /nope: results folder does not exist/);
  const results = writeResults(join(dir, 'results'), [lrnGrid('x', [0.3, 0.31], [0.35, 0.36])]);
  t.match(await inputError(t, () => buildReport({ folders: [results], out: join(dir, 'other') })), /other: --out exists and is not a report folder/);
  t.equal(readFileSync(join(dir, 'other', 'notes.txt'), 'utf8'), 'mine', 'the folder is left alone');
  t.match(await inputError(t, () => buildReport({ folders: [results], out: results })), /is the results folder/);
  mkdirSync(join(dir, 'report'));
  await buildReport({ folders: [results], out: join(dir, 'report') });
  t.ok(existsSync(join(dir, 'report', 'index.html')), 'an empty existing folder is fine');
});
