/** Renders a compare result as a Markdown table (a CI job summary) or JSON. */
import type { CompareResult, CompareRow } from './compare.js';
import { metricKind } from './tolerance.js';

const MARK: Record<CompareRow['status'], string> = {
  ok: '✅ ok',
  improved: '🟢 improved',
  regressed: '❌ regressed',
  missing: '❌ missing',
  extra: '⚠️ extra (not in baseline)',
  failed: '❌ run failed',
  'hash-changed': '❌ weights differ',
};

function num(metric: string, v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v.length > 16 ? `\`${v.slice(0, 12)}…\`` : `\`${v}\``;
  // Error rates print as percentages: the unit tolerances are stated in.
  return metricKind(metric) === 'error' ? `${(v * 100).toFixed(2)}%` : v.toFixed(metricKind(metric) === 'throughput' ? 1 : 4);
}

function delta(row: CompareRow): string {
  if (row.delta === null) return '';
  const d = metricKind(row.metric) === 'error' ? `${(row.delta * 100).toFixed(2)} pt` : row.delta.toFixed(4);
  return row.delta > 0 ? `+${d}` : d;
}

function allowed(row: CompareRow): string {
  if (row.allowed === null) return row.rule;
  const a = metricKind(row.metric) === 'error' ? `${(row.allowed * 100).toFixed(2)} pt` : row.allowed.toFixed(metricKind(row.metric) === 'throughput' ? 1 : 4);
  return `${a} (${row.rule})`;
}

export function compareMarkdown(result: CompareResult): string {
  const verdict = result.regressions ? `❌ **${result.regressions} regression(s)**` : '✅ **no regressions**';
  const lines = [
    `## Benchmark compare: ${result.experiment}`,
    '',
    `${verdict} — engine \`${result.engine}\` vs baseline engine \`${result.baselineEngine}\`; weight hashes ${result.hashChecked ? 'checked (bit-exact engine)' : 'not checked (engine not bit-exact or differs from the baseline)'}.`,
    '',
    '| run | variant | seed | metric | baseline | now | Δ | tolerance | status |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of result.rows) {
    lines.push(`| \`${r.runId}\` | ${r.variant} | ${r.seed ?? ''} | ${r.metric} | ${num(r.metric, r.baseline)} | ${num(r.metric, r.value)} | ${delta(r)} | ${allowed(r)} | ${MARK[r.status]} |`);
  }
  return `${lines.join('\n')}\n`;
}

export function compareJson(result: CompareResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
