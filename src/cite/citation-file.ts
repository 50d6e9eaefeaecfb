/**
 * The few top-level fields of CITATION.cff that a BibTeX entry needs. CFF is YAML; this
 * reads only top-level `key: value` scalars and the first `authors:` list's `name:` items,
 * which is all the repository's own file uses (a full YAML parser is not worth a dependency).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { PACKAGE_ROOT } from '../core/package-root.js';
import { citeMessages } from './messages.js';

export interface SoftwareCitation {
  title: string;
  version: string;
  authors: string[];
  license: string | null;
}

function unquote(s: string): string {
  const t = s.trim();
  return /^".*"$/.test(t) || /^'.*'$/.test(t) ? t.slice(1, -1) : t;
}

export function parseCitationCff(text: string, path: string): SoftwareCitation {
  const top: Record<string, string> = {};
  const authors: string[] = [];
  let inAuthors = false;
  for (const line of text.split('\n')) {
    const topMatch = /^([a-z-]+):\s*(.*)$/.exec(line);
    if (topMatch) {
      inAuthors = topMatch[1] === 'authors';
      if (topMatch[2]) top[topMatch[1]] = unquote(topMatch[2]);
      continue;
    }
    const author = /^ {2}- name:\s*(.+)$/.exec(line);
    if (inAuthors && author) authors.push(unquote(author[1]));
  }
  for (const field of ['title', 'version']) if (!top[field]) throw new InputError(citeMessages.citationFile(path, field));
  if (!authors.length) throw new InputError(citeMessages.citationFile(path, 'authors'));
  return { title: top.title, version: top.version, authors, license: top.license ?? null };
}

export const CITATION_PATH = join(PACKAGE_ROOT, 'CITATION.cff');

export function readCitationCff(path = CITATION_PATH): SoftwareCitation {
  return parseCitationCff(readFileSync(path, 'utf8'), path);
}
