/**
 * Issue 4, part 7: the report's index.html opened in Debian's headless Chromium with the
 * network cut off must render every chart, log no console error and fetch nothing. A
 * screenshot is saved in the test's folder, or in $BROWSER_SCREENSHOT_DIR (e.g. reports/)
 * when set. The study's question sections, with their gradient charts, render from
 * constructed results the same way. Skips, saying why, without Debian's chromium package or without `bench report`.
 */
import t from 'tap';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createProgress } from '../../src/cli/progress.js';
import { runExperiments } from '../../src/train/run-experiments.js';
import { renderOffline, renderProblems } from '../helpers/chromium.js';
import { bench, REPO_ROOT } from '../helpers/cli.js';
import { tinyExperiment, writeExperiment } from '../helpers/experiments.js';
import { skipWithout } from '../helpers/optional-packages.js';
import { writeStudyResults } from '../helpers/study-results.js';

function reportSkipReason(): string | false {
  if (!existsSync(join(REPO_ROOT, 'src', 'report'))) return 'the report generator (src/report, `bench report`) is not in this build';
  return /bench report/.test(bench(['--help']).stdout) ? false : '`bench report` is not a command of this build yet';
}

/** Every .svg under dir: the report writes each figure as an SVG file, so this counts its charts. */
function svgFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return svgFiles(path);
    return name.endsWith('.svg') ? [path] : [];
  });
}

const quiet = createProgress({ mode: 'plain', err: () => undefined });

t.test('the report renders every chart offline in headless Chromium', { skip: skipWithout('chromium') || reportSkipReason() }, async (t) => {
  const dir = t.testdir({});
  const file = writeExperiment(dir, 'tiny.json', tinyExperiment({ seeds: [1, 2] }));
  const outcomes = await runExperiments({ files: [file], engine: 'wasm', outDir: join(dir, 'results'), force: false, progress: quiet, shouldStop: () => false });
  t.same(outcomes.map((o) => o.status), ['completed', 'completed']);
  const out = join(dir, 'report');
  const r = bench(['report', join(dir, 'results', 'tiny'), '--out', out], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const figures = svgFiles(out);
  t.ok(figures.length > 0, `the report wrote ${figures.length} SVG figures`);
  const shotDir = process.env.BROWSER_SCREENSHOT_DIR ?? dir;
  mkdirSync(shotDir, { recursive: true });
  const screenshotPath = join(shotDir, 'report-index.png');
  const render = await renderOffline({ htmlPath: join(out, 'index.html'), screenshotPath, chartSelector: '.vega-embed', minCharts: figures.length, timeoutMs: 60_000 });
  t.same(renderProblems(render), [], `every chart rendered offline (${render.rendered} of ${render.charts}), nothing fetched, no console error`);
  t.ok(existsSync(screenshotPath), `screenshot: ${screenshotPath}`);
});

t.test('the study\'s sections and their charts render offline too', { skip: skipWithout('chromium') || reportSkipReason() }, async (t) => {
  const dir = t.testdir({});
  const results = writeStudyResults(join(dir, 'results'));
  const out = join(dir, 'report');
  const r = bench(['report', results, '--out', out], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const figures = svgFiles(out);
  t.ok(figures.some((f) => f.includes('gradient-norms-figure1')) && figures.some((f) => f.includes('saturation-figure1')), 'the gradient and saturation charts were written');
  const shotDir = process.env.BROWSER_SCREENSHOT_DIR ?? dir;
  mkdirSync(shotDir, { recursive: true });
  const screenshotPath = join(shotDir, 'report-study.png');
  const render = await renderOffline({ htmlPath: join(out, 'index.html'), screenshotPath, chartSelector: '.vega-embed', minCharts: figures.length, timeoutMs: 60_000 });
  t.same(renderProblems(render), [], `every chart rendered offline (${render.rendered} of ${render.charts}), nothing fetched, no console error`);
});

t.test('the committed Fashion-MNIST study report renders every chart offline in headless Chromium', { skip: skipWithout('chromium') }, async (t) => {
  const report = join(REPO_ROOT, 'reports', 'fashion-mnist');
  const figures = svgFiles(report);
  t.ok(figures.length > 0, `the report holds ${figures.length} SVG figures`);
  const screenshotPath = join(process.env.BROWSER_SCREENSHOT_DIR ?? t.testdir({}), 'study-report-index.png');
  const render = await renderOffline({ htmlPath: join(report, 'index.html'), screenshotPath, chartSelector: '.vega-embed', minCharts: figures.length, timeoutMs: 120_000 });
  t.same(renderProblems(render), [], `every chart rendered offline (${render.rendered} of ${render.charts}), nothing fetched, no console error`);
});
