/**
 * `bench report`: results folders in, a report folder out. The folder is built whole in a
 * sibling temporary folder and renamed into place, so a reader never sees half a report and a
 * stale figure from an earlier report never survives. Nothing in any file depends on the time,
 * the machine or the output path, so the same results give byte-identical files.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { InputError, messages } from '../core/errors.js';
import { reportCharts, type Chart } from './charts/index.js';
import { reportHtml } from './html.js';
import { resultsLatex } from './latex.js';
import { claimsMarkdown, findingsMarkdown, resultsMarkdown } from './markdown.js';
import { reportMessages } from './messages.js';
import { buildModel, type ReportModel } from './model.js';
import { readResultsFolders } from './results-view.js';
import { perfMeasurements } from '../results/perf-measurements.js';
import { renderSvg } from '../core/render-svg.js';
import { DEJAVU_DIR, fontsAvailable, renderPng } from './render-figure.js';

export interface ReportOptions {
  /** Results folders (or experiment folders) as the user typed them. */
  folders: string[];
  out: string;
}

export interface ReportOutcome {
  out: string;
  /** Paths relative to `out`, sorted. */
  files: string[];
  model: ReportModel;
  charts: Chart[];
  warnings: string[];
}

function checkOut(out: string, folders: readonly string[]): void {
  const o = resolve(out);
  for (const f of folders) {
    const rel = relative(o, resolve(f));
    if (rel === '' || !rel.startsWith('..')) throw new InputError(reportMessages.outIsResults(out, f));
  }
  if (!existsSync(o)) return;
  if (!statSync(o).isDirectory() || (readdirSync(o).length > 0 && !existsSync(join(o, 'report.json')))) throw new InputError(reportMessages.outNotReport(out));
}

/** Every file of the report, path relative to the report folder -> contents. */
export async function reportFiles(model: ReportModel, charts: Chart[]): Promise<Map<string, string | Buffer>> {
  const files = new Map<string, string | Buffer>();
  for (const c of charts) {
    const svg = await renderSvg(c.spec);
    files.set(`figures/${c.id}.vl.json`, `${JSON.stringify(c.spec, null, 2)}\n`);
    files.set(`figures/${c.id}.svg`, svg);
    files.set(`figures/${c.id}.png`, renderPng(svg));
  }
  const figures = charts.map((c) => ({ id: c.id, title: c.title, caption: c.caption, svg: `figures/${c.id}.svg`, png: `figures/${c.id}.png`, spec: `figures/${c.id}.vl.json` }));
  files.set('report.json', `${JSON.stringify({ ...model, figures }, null, 2)}\n`);
  files.set('results.md', resultsMarkdown(model));
  files.set('results.tex', resultsLatex(model));
  files.set('claims.md', claimsMarkdown(model));
  if (model.findings) files.set('findings.md', findingsMarkdown(model));
  files.set('index.html', reportHtml(model, charts));
  return files;
}

export async function buildReport({ folders, out }: ReportOptions): Promise<ReportOutcome> {
  checkOut(out, folders);
  const experiments = readResultsFolders(folders);
  const model = buildModel(experiments, { folders, out, perf: perfMeasurements(folders) });
  const charts = reportCharts(model);
  const files = await reportFiles(model, charts);
  const target = resolve(out);
  // The pid keeps two concurrent reports apart; it never reaches a file's contents.
  const tmp = join(dirname(target), `.${target.split('/').pop()}.partial-${process.pid}`);
  try {
    mkdirSync(dirname(target), { recursive: true });
    rmSync(tmp, { recursive: true, force: true });
    for (const [path, data] of files) {
      mkdirSync(dirname(join(tmp, path)), { recursive: true });
      writeFileSync(join(tmp, path), data);
    }
    rmSync(target, { recursive: true, force: true });
    renameSync(tmp, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new InputError(messages.outputNotWritable(out, code));
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const warnings = fontsAvailable() ? [] : [reportMessages.noFonts(DEJAVU_DIR)];
  return { out, files: [...files.keys()].sort(), model, charts, warnings };
}
