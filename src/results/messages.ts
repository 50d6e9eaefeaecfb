import { quote } from '../core/errors.js';

/** Messages for result folders and records that cannot be read or written as asked (bad input: exit 2). */
export const resultsMessages = {
  noResults: (dir: string) =>
    `${dir}: no finished runs found (expected <results>/<experiment>/<run-id>/summary.json); run "bench run EXPERIMENT --out ${dir}" first`,
  unreadableJson: (path: string, what: string, reason: string) => `${path}: not a valid ${what} (${reason}); regenerate it`,
  badPerfName: (name: string) =>
    `--name: ${quote(name)} is not allowed; use 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit (it names perf/NAME.json)`,
  perfNeedsName: (out: string) => `--out: ${quote(out)} needs --name (the record is written to ${out}/perf/NAME.json); add --name`,
  notPerfRecord: (path: string) => `${path}: not a perf record (no "kind": "perf"); remove it or write it with bench perf --out`,
} as const;
