/** `bench data stats EXPERIMENT`: class counts, mean colour and RGB eigen-pairs of its data set. */
import type { CommandModule } from 'yargs';
import { dataStats, formatDataStats } from '../../harness/data-stats.js';

interface DataArgs {
  action: string;
  experiment: string;
  json: boolean;
}

export function dataCommand(setExit: (code: number) => void): CommandModule<object, DataArgs> {
  return {
    command: 'data <action> <experiment>',
    describe: 'inspect the data set of an experiment (action: stats)',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['stats'], demandOption: true })
        .positional('experiment', { type: 'string', demandOption: true, describe: 'experiment JSON file' })
        .option('json', { type: 'boolean', default: false }) as never,
    handler: async (args) => {
      const stats = await dataStats(args.experiment);
      process.stdout.write(args.json ? `${JSON.stringify(stats, null, 2)}\n` : formatDataStats(stats));
      setExit(0);
    },
  };
}
