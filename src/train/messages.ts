import { oneOf, quote } from '../core/errors.js';

/** Messages for `bench perf` requests that cannot be met (bad input: exit 2). */
export const perfMessages = {
  noSuchRun: (file: string, variant: string, labels: readonly string[]) =>
    `${file}: --variant ${quote(variant)} matches no run; use a run label or some of its axis=value parts, e.g. ${oneOf(labels.slice(0, 4))}${labels.length > 4 ? ` (${labels.length} runs)` : ''}`,
  notWithExperiment: (option: string, value: unknown, file: string) =>
    `${option}: ${quote(value)} is not allowed with an experiment file (${file} sets the net, input size, batch and classes); leave ${option} out, or drop the file to time a preset`,
  oneNetForOut: (file: string, nets: number) =>
    `--out: ${file} has ${nets} distinct nets and one record is written per --name; pick one with --variant, or leave --out out`,
} as const;
