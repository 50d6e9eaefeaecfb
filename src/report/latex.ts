/**
 * results.tex: booktabs tables to \input into a paper. Needs \usepackage{booktabs},
 * \usepackage[T1]{fontenc} and \usepackage{textcomp} (for escaped quotes and angle brackets).
 */
import type { ExperimentSection, ReportModel } from './model.js';
import { escapeLatex as tex } from './escape.js';
import { fixed, interval, meanStd, METRIC_NAME } from './format.js';

const PM = '$\\pm$';

function tabular(spec: string, head: string[], rows: string[][]): string[] {
  return [`\\begin{tabular}{${spec}}`, '\\toprule', `${head.join(' & ')} \\\\`, '\\midrule', ...rows.map((r) => `${r.join(' & ')} \\\\`), '\\bottomrule', '\\end{tabular}'];
}

function experimentTable(s: ExperimentSection): string[] {
  const rows = s.variants.map((v) => [tex(v.variant), tex(v.engine), String(v.seeds.length), meanStd(v.valTop1, PM), meanStd(v.valTop5, PM)]);
  for (const e of s.ensembles) rows.push([tex(`ensemble of ${e.memberCount} (${e.crop})`), tex(e.engine), String(e.memberCount), fixed(e.errors.top1 * 100), fixed(e.errors.top5 * 100)]);
  const ref = s.reference;
  rows.push([`\\emph{paper: ${tex(ref.label)}}`, '-', ref.nets > 1 ? `${ref.nets} nets` : String(ref.nets), fixed(ref.top1, 1), fixed(ref.top5, 1)]);
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${tex(s.name)}${s.description ? ` (${tex(s.description)})` : ''}: final validation error (\\%), mean ${PM} std over seeds. ${tex(s.referenceNote)}}`,
    ...tabular('llrrr', ['variant', 'engine', 'seeds', 'top-1 error', 'top-5 error'], rows),
    '\\end{table}',
    '',
  ];
}

function effectsTable(model: ReportModel): string[] {
  if (!model.effects.length) return [];
  return [
    '\\begin{table}[t]',
    '\\centering',
    '\\caption{Ablation effects: better-minus-worse validation error (points) over runs paired by seed, with 95\\% intervals, beside the paper.}',
    ...tabular(
      'llrrrr',
      ['contrast', 'metric', 'pairs', 'measured', '95\\% interval', 'paper'],
      model.effects.map((e) => [tex(`${model.experiments.length > 1 ? `${e.experiment}: ` : ''}${e.contrast}`), METRIC_NAME[e.metric], String(e.pairs), fixed(e.mean), interval(e.low === null ? null : { low: e.low, high: e.high! }), fixed(e.paper, 1)]),
    ),
    '\\end{table}',
    '',
  ];
}

function claimsTable(model: ReportModel): string[] {
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{Claims of the paper and verdicts. ${tex(model.verdictRule)}}`,
    ...tabular(
      'lrrrl',
      ['claim', 'paper', 'measured', '95\\% interval', 'verdict'],
      model.claims.map((c) => [tex(c.id), c.paper === null ? '-' : tex(`${c.paper}${c.unit === 'x' ? 'x' : ''}`), c.measured ? fixed(c.measured.mean) : '-', interval(c.measured), c.verdict]),
    ),
    '\\end{table}',
    '',
  ];
}

export function resultsLatex(model: ReportModel): string {
  const p = model.provenance;
  return [
    '% AlexNet bench report tables. Needs \\usepackage{booktabs}, \\usepackage[T1]{fontenc}, \\usepackage{textcomp}.',
    `% Engines: ${tex(p.engines.join(', '))}; commits: ${tex(p.commits.join(', '))}; seeds: ${p.seeds.join(', ')}.`,
    `% Regenerate: ${tex(model.regenerate)}`,
    '',
    ...model.experiments.flatMap(experimentTable),
    ...effectsTable(model),
    ...claimsTable(model),
  ].join('\n');
}
