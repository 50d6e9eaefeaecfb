#!/usr/bin/env node
/**
 * The `bench` command. Each command module maps its arguments to one library call; all
 * logic lives in the layers below. Bad input exits 2, a failed run 1, and neither
 * prints a stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { BenchError } from '../core/errors.js';
import { releaseEngines } from '../engine/engines.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { modelsCommand } from './commands/models.js';
import { doctorCommand } from './commands/doctor.js';
import { perfCommand } from './commands/perf.js';
import { dataCommand } from './commands/data.js';
import { mergeCommand } from './commands/merge.js';
import { baselineCommand, compareCommand } from './commands/compare.js';
import { historyCommand } from './commands/history.js';
import { citeCommand } from './commands/cite.js';
import { evalCommand } from './commands/eval.js';
import { reportCommand } from './commands/report.js';

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    await yargs(argv)
      .scriptName('bench')
      .usage('$0 <command> [options]')
      .command(runCommand(setExit))
      .command(validateCommand(setExit))
      .command(modelsCommand(setExit))
      .command(doctorCommand(setExit))
      .command(perfCommand(setExit))
      .command(dataCommand(setExit))
      .command(mergeCommand(setExit))
      .command(baselineCommand(setExit))
      .command(compareCommand(setExit))
      .command(historyCommand(setExit))
      .command(citeCommand(setExit))
      .command(evalCommand(setExit))
      .command(reportCommand(setExit))
      .demandCommand(1, 'name a command: run, validate, models, doctor, perf, data, eval, merge, baseline, compare, history, cite or report')
      .strict()
      .help()
      .version(false)
      .fail((msg, err) => {
        if (err) throw err;
        throw new UsageError(msg);
      })
      .parseAsync();
  } catch (err) {
    return reportError(err);
  } finally {
    // A GPU engine keeps Node alive until its device is released.
    releaseEngines();
  }
  return exitCode;
}

class UsageError extends Error {}

function reportError(err: unknown): number {
  if (err instanceof BenchError) {
    process.stderr.write(`${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`${err.message}\nRun "bench --help" for the commands and options.\n`);
    return 2;
  }
  // A bug, not bad input: keep the stack so it can be reported.
  process.stderr.write(`internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return 1;
}

// A reader that stops early (`bench report ... | head`) closes the pipe: that is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(process.exitCode ?? 0);
});

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
