/** `bench run FILES...`: train every variant x seed of the experiments. */
import type { CommandModule } from 'yargs';
import { createProgress } from '../progress.js';
import { runExperiments } from '../../train/run-experiments.js';
import { defaultCacheDir } from '../../data/decoded-cache.js';
import { ENGINE_CHOICES, parseEngine } from './engine-option.js';
import { defaultLoaderOptions } from '../../train/loader/batch-loader.js';
import { InputError, messages } from '../../core/errors.js';
import { parseShard } from '../../train/shard.js';
import { benchCommandLine } from '../../results/provenance.js';

interface RunArgs {
  files: string[];
  engine: string;
  out: string;
  force: boolean;
  resume: boolean;
  shard?: string;
  json: boolean;
  cacheDir: string;
  loaderWorkers: number;
  prefetchBatches: number;
}

/** Bounds for the loader flags: more workers than this only adds memory and start-up time. */
const MAX_LOADER_WORKERS = 64;
const MAX_PREFETCH_BATCHES = 256;

function wholeNumber(flag: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new InputError(messages.notAnInteger(flag, value, min, max));
  return value;
}

/** Exit code 130 for a run stopped with Ctrl-C (128 + SIGINT), as shells do. */
const INTERRUPTED_EXIT = 130;

export function runCommand(setExit: (code: number) => void): CommandModule<object, RunArgs> {
  return {
    command: 'run <files..>',
    describe: 'train the runs of experiment files (skips finished ones)',
    builder: (y) =>
      y
        .positional('files', { type: 'string', array: true, demandOption: true, describe: 'experiment JSON files' })
        .option('engine', { type: 'string', default: 'auto', describe: `compute engine: ${ENGINE_CHOICES.join(', ')}` })
        .option('out', { type: 'string', default: 'results', describe: 'results folder' })
        .option('force', { type: 'boolean', default: false, describe: 'run again runs that already finished; start unfinished ones from the beginning' })
        .option('resume', { type: 'boolean', default: false, describe: 'continue unfinished runs from their last checkpoint' })
        .option('shard', { type: 'string', describe: 'train only share i of n (0-based: 0/4 ... 3/4) of the runs' })
        .option('json', { type: 'boolean', default: false, describe: 'print events as JSON lines on stdout' })
        .option('cache-dir', { type: 'string', default: defaultCacheDir(), describe: 'decoded-image cache folder' })
        .option('loader-workers', { type: 'number', default: defaultLoaderOptions().workers, describe: 'worker threads building training batches (0: main thread); never changes the numbers' })
        .option('prefetch-batches', { type: 'number', default: defaultLoaderOptions().prefetchBatches, describe: 'training batches built ahead of the one in use' }) as never,
    handler: async (args) => {
      const engine = parseEngine(args.engine);
      if (args.resume && args.force) throw new InputError(messages.resumeOrForce());
      const shard = args.shard === undefined ? undefined : parseShard(String(args.shard));
      const loader = {
        workers: wholeNumber('--loader-workers', args.loaderWorkers, 0, MAX_LOADER_WORKERS),
        prefetchBatches: wholeNumber('--prefetch-batches', args.prefetchBatches, 1, MAX_PREFETCH_BATCHES),
      };
      const mode = args.json ? 'json' : process.stderr.isTTY ? 'tty' : 'plain';
      const progress = createProgress({ mode });
      let stopRequested = false;
      const onSigint = () => {
        if (stopRequested) process.exit(INTERRUPTED_EXIT);
        stopRequested = true;
        progress.info('stopping after the current batch (Ctrl-C again to quit at once)');
      };
      process.on('SIGINT', onSigint);
      try {
        const outcomes = await runExperiments({
          files: args.files, engine, outDir: args.out, force: args.force, resume: args.resume, shard, progress,
          shouldStop: () => stopRequested, commandLine: benchCommandLine(), cacheDir: args.cacheDir, loader,
        });
        const failed = outcomes.filter((o) => o.status === 'failed' || o.status === 'diverged');
        const interrupted = stopRequested || outcomes.some((o) => o.status === 'interrupted');
        const done = outcomes.filter((o) => o.status === 'completed').length;
        const skipped = outcomes.filter((o) => o.status === 'skipped').length;
        const locked = outcomes.filter((o) => o.status === 'locked').length;
        const lockedNote = locked ? `, ${locked} locked by another process` : '';
        progress.info(`${done} completed, ${skipped} skipped${lockedNote}, ${failed.length} failed; results in ${args.out}/`);
        for (const f of failed) progress.info(`${f.status}: ${f.experiment} ${f.variant} seed=${f.seed}: see ${f.summaryPath}`);
        setExit(failed.length > 0 ? 1 : interrupted ? INTERRUPTED_EXIT : 0);
      } finally {
        process.off('SIGINT', onSigint);
      }
    },
  };
}
