/**
 * index.html: the whole report in one file that works offline. vega, vega-lite and
 * vega-embed are inlined from their node_modules builds (no network fetch); each chart's spec
 * sits in a JSON script element, and every piece of user text is HTML-escaped.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Chart } from './charts/index.js';
import type { ExperimentSection, ReportModel } from './model.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import { studySectionList, type Block } from './study/sections.js';
import { claimTable, effectTable, ensembleTable, lrnTable, provenanceItems, referenceTable, shownReferences, timeTable, variantTable, type Table } from './tables.js';

const require = createRequire(import.meta.url);

/** The packages' exports maps hide package.json and the browser builds; each main entry lives in build/ beside them. */
function bundle(pkg: string, file: string): string {
  const source = readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
  // A literal "</script" inside inlined code would end the script element early.
  return `<script>${source.replace(/<\/script/gi, '<\\/script')}</script>`;
}

function table({ head, rows }: Table): string {
  return `<table><thead><tr>${head.map((c) => `<th>${h(c)}</th>`).join('')}</tr></thead><tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${h(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody></table>`;
}

function figure(c: Chart): string {
  const stem = `figures/${c.id}`;
  return [
    `<figure id="fig-${h(c.id)}">`,
    `<div class="chart" data-spec="spec-${h(c.id)}"></div>`,
    `<script type="application/json" id="spec-${h(c.id)}">${jsonForScript(c.spec)}</script>`,
    `<figcaption>${h(c.caption)} Files: <a href="${h(stem)}.svg">SVG</a>, <a href="${h(stem)}.png">PNG</a>, <a href="${h(stem)}.vl.json">Vega-Lite spec</a>.</figcaption>`,
    '</figure>',
  ].join('\n');
}

function experimentSection(s: ExperimentSection, charts: Chart[]): string {
  return [
    `<section><h2>Experiment ${h(s.name)}</h2>`,
    s.description ? `<p>${h(s.description)}</p>` : '',
    `<p>Results folder: <code>${h(s.folder)}</code></p>`,
    `<p class="reference">Compared against: <strong>${h(s.reference.label)}</strong> (${h(s.reference.where)}). ${h(s.referenceNote)}</p>`,
    table(variantTable(s)),
    '<p>Mean ± sample standard deviation over seeds; a failed model (diverged, non-finite metrics) counts as 100% error, unfinished runs are gaps.</p>',
    s.ensembles.length ? `<h3>Ensembles (like for like with ensemble reference rows)</h3>${table(ensembleTable(s))}` : '',
    s.gaps.length ? `<h3>Gaps (not in the numbers)</h3><ul class="gaps">${s.gaps.map((g) => `<li>GAP: ${h(g)}</li>`).join('')}</ul>` : '',
    s.failures.length ? `<h3>Failed models (in the numbers as 100% error)</h3><ul class="gaps">${s.failures.map((f) => `<li>FAILED: ${h(f)}</li>`).join('')}</ul>` : '',
    ...charts.map(figure),
    '</section>',
  ].join('\n');
}

function lrnSection(model: ReportModel): string {
  if (!model.lrnActivity.length) return '';
  const readings = model.lrnActivity.map((r) => `<li>${h(`${r.experiment}, ${r.variant}, ${r.layer}: ${r.reading}.`)}</li>`).join('');
  return `<section><h2>LRN activity</h2>\n${table(lrnTable(model))}\n<p>The factor LRN divided each layer's activations by, on a fixed validation batch after the last epoch (mean and 95th percentile over positions and channels), averaged over seeds.</p><ul>${readings}</ul>\n</section>`;
}

function findingsSection(model: ReportModel): string {
  if (!model.findings) return '';
  const paragraphs = model.findings.map((f) => `<p id="finding-${h(f.id)}"><strong>${h(f.title)}</strong> ${h(f.text)}</p>`).join('\n');
  return `<section id="findings"><h2>Findings</h2>\n<p>Written from the numbers below by the report's templates (src/report/findings/): one paragraph per question of the study and per claim of the paper.</p>\n${paragraphs}\n</section>\n`;
}

function block(b: Block, figures: Chart[]): string {
  if (b.kind === 'heading') return `<h3>${h(b.text)}</h3>`;
  if (b.kind === 'table') return table(b.table);
  if (b.kind === 'figures') return figures.map(figure).join('\n');
  return `<p>${h(b.text)}</p>`;
}

/** The study's question sections; each section's own figures (Chart.section) sit in its figures block. */
function studySections(model: ReportModel, charts: Chart[]): string {
  return studySectionList(model)
    .map((s) => `<section id="${s.id}"><h2>${h(s.title)}</h2>\n${s.blocks.map((b) => block(b, charts.filter((c) => c.section === s.id))).join('\n')}\n</section>\n`)
    .join('');
}

const STYLE = `body{font-family:"DejaVu Sans",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0;font-size:90%}th,td{border-bottom:1px solid #ccc;padding:3px 8px;text-align:left}
figure{margin:1.5em 0}figcaption{font-size:90%;color:#444}pre{background:#f4f4f4;padding:8px;overflow-x:auto}
.gaps li,.reference{color:#a00}`;

/** Runs every chart once the page has loaded; a chart that fails says so in its place and in the console. */
const EMBED = `for (const box of document.querySelectorAll('div.chart')) {
  const spec = JSON.parse(document.getElementById(box.dataset.spec).textContent);
  vegaEmbed(box, spec, { renderer: 'svg', actions: false }).catch((err) => { box.textContent = 'chart failed: ' + err; console.error(err); });
}`;

export function reportHtml(model: ReportModel, charts: Chart[]): string {
  const names = model.experiments.map((e) => e.name).join(', ');
  const owned = new Set<string>();
  const sections = model.experiments.map((s, i) => {
    const mine = charts.filter((c) => c.experimentIndex === i);
    for (const c of mine) owned.add(c.id);
    return experimentSection(s, mine);
  });
  const shared = charts.filter((c) => !owned.has(c.id) && c.section === undefined);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>AlexNet bench report: ${h(names)}</title>
<style>${STYLE}</style>
${bundle('vega', 'vega.min.js')}
${bundle('vega-lite', 'vega-lite.min.js')}
${bundle('vega-embed', 'vega-embed.min.js')}
</head><body>
<h1>AlexNet bench report: ${h(names)}</h1>
<p>Paper: ${h(model.source)}.</p>
${findingsSection(model)}<h2>Provenance</h2>
<ul>${provenanceItems(model).map((l) => `<li>${h(l)}</li>`).join('')}</ul>
<p>Regenerate (byte for byte, from the same results):</p>
<pre>${h(model.regenerate)}</pre>
${sections.join('\n')}
<section><h2>Reference rows</h2>
${table(referenceTable(shownReferences(model), model))}
</section>
<section><h2>Ablation effects, time to target, throughput</h2>
${model.effects.length ? table(effectTable(model)) : '<p>No axis of these results pairs two variants by seed; no effect measured.</p>'}
${model.timeToTarget.length ? table(timeTable(model)) : ''}
${shared.map(figure).join('\n')}
</section>
${lrnSection(model)}
${studySections(model, charts)}<section><h2>Claims</h2>
<p>Rule: ${h(model.verdictRule)}</p>
${table(claimTable(model))}
</section>
<section><h2>How to cite</h2>
<pre>${h(model.citation.bibtex.join('\n\n'))}</pre>
</section>
<script>${EMBED}</script>
</body></html>
`;
}
