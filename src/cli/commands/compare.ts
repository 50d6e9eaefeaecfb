/** `bench baseline update RESULTS --out FILE` and `bench compare RESULTS --baseline FILE`. */
import type { CommandModule } from 'yargs';
import { readResults } from '../../regression/result-set.js';
import { baselineFromResults, readBaseline, writeBaseline } from '../../regression/baseline.js';
import { compareResults } from '../../regression/compare.js';
import { compareJson, compareMarkdown } from '../../regression/compare-format.js';

interface BaselineArgs {
  results: string;
  out: string;
}

export function baselineCommand(setExit: (code: number) => void): CommandModule<object, BaselineArgs> {
  return {
    command: 'baseline update <results>',
    describe: 'write a baseline file (metrics and weight hash per run) from a results folder',
    builder: (y) =>
      y
        .positional('results', { type: 'string', demandOption: true, describe: 'results folder (or one experiment folder in it)' })
        .option('out', { type: 'string', demandOption: true, describe: 'baseline file to write' }) as never,
    handler: (args) => {
      const baseline = baselineFromResults(readResults(args.results));
      writeBaseline(args.out, baseline);
      process.stdout.write(`${args.out}: baseline of ${Object.keys(baseline.runs).length} runs of ${baseline.experiment} (engine ${baseline.engine}${baseline.bitExact ? ', bit-exact' : ''})\n`);
      setExit(0);
    },
  };
}

interface CompareArgs {
  results: string;
  baseline: string;
  json: boolean;
}

export function compareCommand(setExit: (code: number) => void): CommandModule<object, CompareArgs> {
  return {
    command: 'compare <results>',
    describe: 'check results against a baseline; exit 1 on a regression',
    builder: (y) =>
      y
        .positional('results', { type: 'string', demandOption: true })
        .option('baseline', { type: 'string', demandOption: true, describe: 'baseline file (bench baseline update)' })
        .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of a Markdown table' }) as never,
    handler: (args) => {
      const baseline = readBaseline(args.baseline);
      const results = readResults(args.results, baseline.experiment);
      const result = compareResults({ results, baseline, baselinePath: args.baseline });
      process.stdout.write(args.json ? compareJson(result) : compareMarkdown(result));
      setExit(result.regressions ? 1 : 0);
    },
  };
}
