/** results.md and claims.md: the report's tables in GitHub-flavoured markdown, user text escaped. */
import type { ReportModel, ExperimentSection } from './model.js';
import { escapeMarkdown as md, escapeMarkdownParagraph } from './escape.js';
import { studySectionList, type Block } from './study/sections.js';
import { claimTable, effectTable, ensembleTable, lrnTable, provenanceItems, referenceTable, shownReferences, timeTable, variantTable, type Table } from './tables.js';

function table({ head, rows }: Table): string {
  return [`| ${head.map(md).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)].join('\n');
}

function experimentSection(s: ExperimentSection): string {
  const parts = [`## Experiment ${md(s.name)}`, ''];
  if (s.description) parts.push(escapeMarkdownParagraph(s.description), '');
  parts.push(`Results folder: ${md(s.folder)}`, '');
  parts.push(`Compared against: **${md(s.reference.label)}** (${md(s.reference.where)}). ${md(s.referenceNote)}`, '');
  parts.push(table(variantTable(s)), '', 'Mean ± sample standard deviation over seeds; a failed model (diverged, non-finite metrics) counts as 100% error, unfinished runs are gaps.', '');
  if (s.ensembles.length) parts.push('### Ensembles (like for like with ensemble reference rows)', '', table(ensembleTable(s)), '');
  if (s.gaps.length) parts.push('### Gaps (not in the numbers above)', '', ...s.gaps.map((g) => `- GAP: ${md(g)}`), '');
  if (s.failures.length) parts.push('### Failed models (in the numbers as 100% error)', '', ...s.failures.map((f) => `- FAILED: ${md(f)}`), '');
  return parts.join('\n');
}

function effectsSection(model: ReportModel): string[] {
  if (!model.effects.length) return ['## Ablation effects', '', 'No axis of these results pairs two variants by seed; no effect measured.', ''];
  return ['## Ablation effects', '', table(effectTable(model)), '', "Better-minus-worse validation error over runs paired by seed, each side at its own best learning rate where the experiment varies it; negative means the paper's choice lowers the error.", ''];
}

function timeSection(model: ReportModel): string[] {
  if (!model.timeToTarget.length) return [];
  return [`## Time to ${model.timeToTarget[0]!.targetPercent}% training top-1 error`, '', table(timeTable(model)), ''];
}

function lrnSection(model: ReportModel): string[] {
  if (!model.lrnActivity.length) return [];
  return [
    '## LRN activity',
    '',
    table(lrnTable(model)),
    '',
    'The factor LRN divided each layer\'s activations by, on a fixed validation batch after the last epoch (mean and 95th percentile over positions and channels), averaged over seeds.',
    '',
    ...model.lrnActivity.map((r) => `- ${md(`${r.experiment}, ${r.variant}, ${r.layer}: ${r.reading}.`)}`),
    '',
  ];
}

/** The findings as paragraphs, each led by its title in bold. */
function findingParagraphs(model: ReportModel): string[] {
  return (model.findings ?? []).flatMap((f) => [`**${md(f.title)}** ${md(f.text)}`, '']);
}

function findingsSection(model: ReportModel): string[] {
  if (!model.findings) return [];
  return ['## Findings', '', 'Written from the numbers below by the report\'s templates (src/report/findings/): one paragraph per question of the study and per claim of the paper.', '', ...findingParagraphs(model)];
}

function block(b: Block): string[] {
  if (b.kind === 'heading') return [`### ${md(b.text)}`, ''];
  if (b.kind === 'table') return [table(b.table), ''];
  if (b.kind === 'figures') return ['The figures are in index.html and figures/.', ''];
  return [escapeMarkdownParagraph(b.text), ''];
}

function studySections(model: ReportModel): string[] {
  return studySectionList(model).flatMap((s) => [`## ${md(s.title)}`, '', ...s.blocks.flatMap(block)]);
}

/** findings.md: the findings alone, with the rule they apply and the command that regenerates them. */
export function findingsMarkdown(model: ReportModel): string {
  return [
    `# Findings: ${model.experiments.map((e) => md(e.name)).join(', ')}`,
    '',
    `Paper: ${md(model.source)}.`,
    '',
    ...findingParagraphs(model),
    `Rule: ${md(model.verdictRule)}`,
    '',
    ...regenerateLines(model),
  ].join('\n');
}

/** How to make the same report again, as the closing lines of findings.md and results.md. */
function regenerateLines(model: ReportModel): string[] {
  return ['Regenerate (byte for byte, from the same results):', '', '```sh', model.regenerate, '```', ''];
}

export function claimsMarkdown(model: ReportModel): string {
  return ['# Claims of the paper, tested', '', `Rule: ${md(model.verdictRule)}`, '', table(claimTable(model)), ''].join('\n');
}

export function resultsMarkdown(model: ReportModel): string {
  return [
    `# AlexNet bench report: ${model.experiments.map((e) => md(e.name)).join(', ')}`,
    '',
    `Paper: ${md(model.source)}.`,
    '',
    ...findingsSection(model),
    '## Provenance',
    '',
    ...provenanceItems(model).map((l) => `- ${md(l)}`),
    '',
    ...regenerateLines(model),
    ...model.experiments.map(experimentSection),
    '## Reference rows',
    '',
    table(referenceTable(shownReferences(model), model)),
    '',
    ...effectsSection(model),
    ...timeSection(model),
    ...lrnSection(model),
    ...studySections(model),
    '## Claims',
    '',
    `Rule: ${md(model.verdictRule)}`,
    '',
    table(claimTable(model)),
    '',
    '## How to cite',
    '',
    '```bibtex',
    model.citation.bibtex.join('\n\n'),
    '```',
    '',
  ].join('\n');
}
