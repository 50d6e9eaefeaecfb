/**
 * The report's "how to cite" block: the same three BibTeX entries as `bench cite` (the paper,
 * this software, the result set named by its content hash), from the same functions and the
 * results the report already read.
 */
import { PAPER_BIBTEX, resultSetHash, resultsBibtex, softwareBibtex } from '../cite/cite.js';
import { readCitationCff } from '../cite/citation-file.js';
import { resultSet, type RunMetrics } from '../results/run-metrics.js';
import type { ExperimentResults } from './results-view.js';
import { escapeLatex } from './escape.js';

export function reportCitation(experiments: ExperimentResults[]): { bibtex: string[]; resultSetSha256: string | null } {
  const software = readCitationCff();
  let runs: RunMetrics[] = [];
  try {
    runs = experiments.flatMap((e) => resultSet(e.source).runs);
  } catch {
    // An unreadable summary is already a gap in the report; the result-set entry is left out
    // rather than citing a set that is not whole.
    runs = [];
  }
  if (runs.length === 0) return { bibtex: [PAPER_BIBTEX, softwareBibtex(software)], resultSetSha256: null };
  const hash = resultSetHash(runs);
  // BibTeX fields are LaTeX: experiment names are user text, so escape them like results.tex does.
  const names = [...new Set(experiments.map((e) => e.name))].sort().map(escapeLatex);
  return { bibtex: [PAPER_BIBTEX, softwareBibtex(software), resultsBibtex({ experiments: names, runs, hash, version: software.version })], resultSetSha256: hash };
}
