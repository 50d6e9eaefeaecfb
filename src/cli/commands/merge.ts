/** `bench merge OUT IN...`: combine results folders (shards) into one. */
import type { CommandModule } from 'yargs';
import { mergeResults } from '../../results/merge.js';

interface MergeArgs {
  out: string;
  inputs: string[];
  json: boolean;
}

export function mergeCommand(setExit: (code: number) => void): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <out> <inputs..>',
    describe: 'combine results folders written by shards into OUT (run ids keep them apart)',
    builder: (y) =>
      y
        .positional('out', { type: 'string', demandOption: true, describe: 'results folder to merge into (created if absent)' })
        .positional('inputs', { type: 'string', array: true, demandOption: true, describe: 'results folders to merge' })
        .option('json', { type: 'boolean', default: false, describe: 'print the merge report as JSON' }) as never,
    handler: (args) => {
      const report = mergeResults({ outDir: args.out, inputs: args.inputs });
      if (args.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        process.stdout.write(`merged ${report.copied.length} runs into ${args.out}/; ${report.identical.length} already there with the same numbers\n`);
        for (const u of report.unfinished) {
          process.stdout.write(`not merged (unfinished; resume it with bench run --resume --out ${u.from}): ${u.experiment}/${u.runId}\n`);
        }
      }
      setExit(0);
    },
  };
}
