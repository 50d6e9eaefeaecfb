/**
 * `bench data stats EXPERIMENT`: class counts, mean colour and RGB eigen-pairs of its data set.
 * `bench data prepare EXPERIMENT`: decode its data set into the decoded cache ahead of the runs.
 */
import type { CommandModule } from 'yargs';
import { defaultCacheDir } from '../../data/decoded-cache.js';
import { prepareData, progressBar } from '../../train/data-prepare.js';
import { dataStats, formatDataStats } from '../../train/data-stats.js';

interface DataArgs {
  action: string;
  experiment: string;
  json: boolean;
  cacheDir: string;
}

async function stats(args: DataArgs): Promise<void> {
  const result = await dataStats(args.experiment, { cacheDir: args.cacheDir });
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatDataStats(result));
}

async function prepare(args: DataArgs): Promise<void> {
  const onProgress = args.json ? undefined : progressBar((s) => process.stderr.write(s), Boolean(process.stderr.isTTY));
  const r = await prepareData(args.experiment, { cacheDir: args.cacheDir, onProgress });
  const text = `${r.description}: ${r.trainImages} train / ${r.valImages} val images, ${r.skippedFiles} skipped, ` +
    `${(r.timeMs / 1000).toFixed(1)} s; cache in ${args.cacheDir}\nfingerprint ${r.fingerprint}\n`;
  process.stdout.write(args.json ? `${JSON.stringify(r, null, 2)}\n` : text);
}

export function dataCommand(setExit: (code: number) => void): CommandModule<object, DataArgs> {
  return {
    command: 'data <action> <experiment>',
    describe: "inspect (stats) or pre-decode (prepare) an experiment's data set",
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['stats', 'prepare'], demandOption: true })
        .positional('experiment', { type: 'string', demandOption: true, describe: 'experiment JSON file' })
        .option('cache-dir', { type: 'string', default: defaultCacheDir(), describe: 'decoded-image cache folder' })
        .option('json', { type: 'boolean', default: false }) as never,
    handler: async (args) => {
      await (args.action === 'prepare' ? prepare(args) : stats(args));
      setExit(0);
    },
  };
}
