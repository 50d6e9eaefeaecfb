/** `bench doctor`'s engine table, as lines of text (the CLI prints them). */
import { pickAuto } from './auto-pick.js';
import type { EngineStatus } from './engine-types.js';

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
}

/** Format probed statuses: a table, the engine `--engine auto` would pick, then per-engine notes. */
function formatDoctorReport(statuses: readonly EngineStatus[]): string[] {
  const rows = statuses.map((s) => [s.name, s.usable ? 'yes' : 'no', String(s.rank), s.device ?? '-', s.version ?? '-']);
  const head = ['engine', 'usable', 'speed', 'device', 'version'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const auto = pickAuto(statuses);
  return [
    pad(head, widths),
    ...rows.map((r) => pad(r, widths)),
    '',
    auto === null ? 'auto: no engine is usable here' : auto.note,
    '(speed: relative rank, higher is faster)',
    '',
    ...statuses.flatMap((s) => [`${s.name}: ${s.reason}`, `  reproducibility: ${s.bitExact}`]),
  ];
}

/** The report as one string ending in a newline, ready for process.stdout.write. */
export function formatDoctor(statuses: readonly EngineStatus[]): string {
  return `${formatDoctorReport(statuses).join('\n')}\n`;
}
