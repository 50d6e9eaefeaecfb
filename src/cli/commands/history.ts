/** `bench history add RESULTS --history FILE` and `bench history render FILE --out DIR`. */
import type { CommandModule } from 'yargs';
import { InputError } from '../../core/errors.js';
import { readResults } from '../../regression/result-set.js';
import { addToHistory, readHistory, writeHistory } from '../../regression/history.js';
import { renderHistory } from '../../regression/history-chart.js';

interface HistoryArgs {
  action: string;
  path: string;
  history?: string;
  out?: string;
}

export function historyCommand(setExit: (code: number) => void): CommandModule<object, HistoryArgs> {
  return {
    command: 'history <action> <path>',
    describe: 'add RESULTS --history FILE: record one commit\'s results; render FILE --out DIR: trend charts and step changes',
    builder: (y) =>
      y
        .positional('action', { type: 'string', choices: ['add', 'render'], demandOption: true })
        .positional('path', { type: 'string', demandOption: true, describe: 'results folder (add) or history file (render)' })
        .option('history', { type: 'string', describe: 'history file to add to (created if absent)' })
        .option('out', { type: 'string', describe: 'folder for the charts (render)' }) as never,
    handler: async (args) => {
      if (args.action === 'add') {
        if (!args.history) throw new InputError('bench history add: --history FILE is required; name the history file to add the results to');
        const next = addToHistory(readHistory(args.history), readResults(args.path), args.history);
        writeHistory(args.history, next);
        process.stdout.write(`${args.history}: ${next.entries.length} commit(s) of ${next.experiment}\n`);
      } else {
        if (!args.out) throw new InputError('bench history render: --out DIR is required; name the folder for the charts');
        const history = readHistory(args.path);
        if (!history) throw new InputError(`${args.path}: history file does not exist; create it with "bench history add RESULTS --history ${args.path}"`);
        const { files, steps } = await renderHistory(history, args.out);
        process.stdout.write(`${args.out}: ${files.length} files\n`);
        for (const s of steps) process.stdout.write(`step change: ${s.metric} of ${s.variant} at commit ${s.commit.slice(0, 12)} (mean ${s.mean.toPrecision(4)})\n`);
      }
      setExit(0);
    },
  };
}
