/**
 * results.tex: booktabs tables to \input into a paper. Needs \usepackage{booktabs},
 * \usepackage[T1]{fontenc} and \usepackage{textcomp} (for escaped quotes and angle brackets).
 */
import type { ExperimentSection, ReportModel } from './model.js';
import { escapeLatex as tex } from './escape.js';
import { claimMean, fixed, interval, meanStd, METRIC_NAME, openInterval } from './format.js';
import { hasTenCrop, withUnit } from './tables.js';

const PM = '$\\pm$';

function tabular(spec: string, head: string[], rows: string[][]): string[] {
  return [`\\begin{tabular}{${spec}}`, '\\toprule', `${head.join(' & ')} \\\\`, '\\midrule', ...rows.map((r) => `${r.join(' & ')} \\\\`), '\\bottomrule', '\\end{tabular}'];
}

function experimentTable(s: ExperimentSection): string[] {
  const ten = hasTenCrop(s);
  const dash = ten ? ['-', '-'] : [];
  const rows = s.variants.map((v) => [tex(v.variant), tex(v.engine), String(v.seeds.length), meanStd(v.valTop1, PM), meanStd(v.valTop5, PM), ...(ten ? [meanStd(v.tenCropTop1, PM), meanStd(v.tenCropTop5, PM)] : [])]);
  for (const e of s.ensembles) {
    const errors = [fixed(e.errors.top1 * 100), fixed(e.errors.top5 * 100)];
    const cells = e.crop === 'ten-crop' && ten ? ['-', '-', ...errors] : [...errors, ...dash];
    rows.push([tex(`ensemble of ${e.memberCount} (${e.crop})`), tex(e.engine), String(e.memberCount), ...cells]);
  }
  const ref = s.reference;
  const refErrors = [fixed(ref.top1, 1), fixed(ref.top5, 1)];
  // The row's numbers go under its own crop; without ten-crop columns a ten-crop row stands in the only ones, labelled.
  const refCells = ref.crop === 'ten-crop' && ten ? ['-', '-', ...refErrors] : [...refErrors, ...dash];
  const mark = s.comparison.sameDataset ? `${ref.crop === 'centre' ? 'centre crop' : 'ten-crop'}` : `not comparable: ${ref.dataset}`;
  rows.push([`\\emph{paper: ${tex(ref.label)} (${tex(mark)})}`, '-', ref.nets > 1 ? `${ref.nets} nets` : String(ref.nets), ...refCells]);
  const head = ['variant', 'engine', 'seeds', 'top-1 error', 'top-5 error', ...(ten ? ['ten-crop top-1', 'ten-crop top-5'] : [])];
  return [
    '\\begin{table}[t]',
    '\\centering',
    `\\caption{${tex(s.name)}${s.description ? ` (${tex(s.description)})` : ''}: final validation error (\\%), mean ${PM} std over seeds. ${tex(s.referenceNote)}}`,
    ...tabular(`llr${'r'.repeat(head.length - 3)}`, head, rows),
    '\\end{table}',
    '',
  ];
}

function effectsTable(model: ReportModel): string[] {
  if (!model.effects.length) return [];
  return [
    '\\begin{table}[t]',
    '\\centering',
    '\\caption{Ablation effects: better-minus-worse validation error (points), runs paired by seed and the pairs of one seed averaged, with 95\\% intervals over seeds, beside the paper.}',
    ...tabular(
      'llrrrr',
      ['contrast', 'metric', 'seeds', 'measured', '95\\% interval', 'paper'],
      model.effects.map((e) => [tex(`${model.experiments.length > 1 ? `${e.experiment}: ` : ''}${e.contrast}`), METRIC_NAME[e.metric], String(e.seeds), fixed(e.mean), interval(e.low === null ? null : { low: e.low, high: e.high! }), fixed(e.paper, 1)]),
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
      'llrrrrl',
      ['claim', 'experiment', 'paper', 'measured', '95\\% interval', 'seeds', 'verdict'],
      model.claims.map((c) => [tex(c.id), tex(c.experiment ?? '-'), c.paper === null ? '-' : tex(withUnit(c, String(c.paper))), tex(withUnit(c, claimMean(c.measured))), tex(openInterval(c.measured)), c.measured ? String(c.measured.n) : '0', tex(c.verdictText)]),
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
