/**
 * `bench cite`: BibTeX for the paper reproduced, this software (CITATION.cff) and the exact
 * result set. The result set is named by a content hash: sha256 over the canonical JSON of
 * the runs sorted by id, each as [runId, weightsSha256, metrics]. The same runs always give
 * the same hash; any changed number or weight gives another. The entries are built from
 * result sets already read, so reports include the same block without reading again.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../core/canonical-json.js';
import { InputError } from '../core/errors.js';
import { resultsMessages } from '../results/messages.js';
import { readResultSets, type RunMetrics } from '../results/run-metrics.js';
import { readCitationCff, type SoftwareCitation } from './citation-file.js';

export const PAPER_BIBTEX = `@inproceedings{krizhevsky2012imagenet,
  author    = {Krizhevsky, Alex and Sutskever, Ilya and Hinton, Geoffrey E.},
  title     = {ImageNet Classification with Deep Convolutional Neural Networks},
  booktitle = {Advances in Neural Information Processing Systems 25 (NIPS 2012)},
  pages     = {1097--1105},
  year      = {2012}
}`;

export function softwareBibtex(c: SoftwareCitation): string {
  return `@software{alexnet_bench,
  author  = {{${c.authors.join('} and {')}}},
  title   = {${c.title}},
  version = {${c.version}},
  note    = {CITATION.cff in the repository${c.license ? `; license ${c.license}` : ''}}
}`;
}

/** The content hash of a result set (see the file comment). */
export function resultSetHash(runs: RunMetrics[]): string {
  const items = [...runs].sort((a, b) => (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0)).map((r) => [r.runId, r.weightsSha256, r.metrics]);
  return createHash('sha256').update(canonicalJson(items)).digest('hex');
}

export interface ResultCitationInput {
  experiments: string[];
  runs: RunMetrics[];
  hash: string;
  version: string;
}

function list(values: unknown[]): string {
  return [...new Set(values.map(String))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })).join(', ');
}

export function resultsBibtex({ experiments, runs, hash, version }: ResultCitationInput): string {
  const commits = list(runs.map((r) => r.commit ?? 'unknown'));
  return `@misc{alexnet_bench_results_${hash.slice(0, 12)},
  author       = {{AlexNet bench contributors}},
  title        = {AlexNet bench results: ${experiments.join(', ')}},
  howpublished = {Result set sha256:${hash}},
  note         = {${runs.length} runs; engine ${list(runs.map((r) => r.engine))}; commit ${commits}; seeds ${list(runs.map((r) => r.seed))}; AlexNet bench ${version}}
}`;
}

export interface Citation {
  entries: string[];
  hash: string;
}

/** Citations for the results under `dirs` (results folders or experiment folders). */
export function citeResults(dirs: string[], software: SoftwareCitation = readCitationCff()): Citation {
  const sets = dirs.flatMap((d) => readResultSets(d));
  const runs = sets.flatMap((s) => s.runs);
  if (!runs.length) throw new InputError(resultsMessages.noResults(dirs.join(', ')));
  const hash = resultSetHash(runs);
  const experiments = [...new Set(sets.map((s) => s.experiment))].sort();
  return { entries: [PAPER_BIBTEX, softwareBibtex(software), resultsBibtex({ experiments, runs, hash, version: software.version })], hash };
}
