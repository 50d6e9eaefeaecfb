/** User-visible messages of baselines, compare and history (bad input: exit 2). */
import { quote } from '../core/errors.js';
import { resultsMessages } from '../results/messages.js';

export const trackMessages = {
  severalExperiments: (dir: string, names: string[]) =>
    `${dir}: holds results of several experiments (${names.map((n) => quote(n)).join(', ')}); pass one experiment folder, e.g. ${dir}/${names[0]}`,
  unreadableJson: (path: string, what: string, reason: string) =>
    `${resultsMessages.unreadableJson(path, what, reason)}${what === 'baseline file' ? ' with "bench baseline update RESULTS --out FILE"' : ''}`,
  badField: (path: string, field: string, value: unknown, expected: string) =>
    `${path}: ${field} is ${quote(value)}; expected ${expected}. Regenerate the file`,
  otherExperiment: (baselinePath: string, baselineExperiment: string, resultsDir: string, found: string[]) =>
    `${baselinePath}: this baseline is for experiment ${quote(baselineExperiment)} but ${resultsDir} holds ${found.map((n) => quote(n)).join(', ')}; ` +
    `compare against that experiment's baseline or regenerate it with "bench baseline update ${resultsDir} --out ${baselinePath}"`,
  historyOtherExperiment: (historyPath: string, historyExperiment: string, experiment: string) =>
    `${historyPath}: this history is for experiment ${quote(historyExperiment)}, not ${quote(experiment)}; use one history file per experiment`,
  noCommit: (dir: string) =>
    `${dir}: provenance.json has no git commit, so the results cannot be placed in a history; run the benchmark from a git checkout`,
  mixedCommits: (dir: string, commits: string[]) =>
    `${dir}: runs come from several commits (${commits.map((c) => quote(c.slice(0, 12))).join(', ')}); add one commit's results at a time`,
} as const;
