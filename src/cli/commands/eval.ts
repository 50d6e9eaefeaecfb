/** `bench eval --ensemble RESULTS...`: evaluate an ensemble of finished runs on the val split. */
import type { CommandModule } from 'yargs';
import { defaultCacheDir } from '../../data/decoded-cache.js';
import { evaluateEnsemble, formatEnsembleTable } from '../../ensemble/ensemble.js';
import { InputError } from '../../core/errors.js';
import { ensembleMessages } from '../../ensemble/messages.js';
import { ENGINE_CHOICES, parseEngine } from './engine-option.js';

interface EvalArgs {
  results: string[];
  ensemble: boolean;
  variant: string[];
  mixedExperiments: boolean;
  engine: string;
  cacheDir: string;
}

export function evalCommand(setExit: (code: number) => void): CommandModule<object, EvalArgs> {
  return {
    command: 'eval <results..>',
    describe: 'evaluate finished runs again; --ensemble averages their softmax on the val split',
    builder: (y) =>
      y
        .positional('results', { type: 'string', array: true, demandOption: true, describe: 'run folders (results/<experiment>/<run-id>) or experiment folders (all completed runs)' })
        .option('ensemble', { type: 'boolean', default: false, describe: 'average the members\' softmax outputs (the paper\'s 5-CNN / 7-CNN rows)' })
        .option('variant', { type: 'string', array: true, default: [], describe: 'only these variants of experiment folders' })
        .option('mixed-experiments', { type: 'boolean', default: false, describe: 'allow members from different experiments (data and input must match)' })
        .option('engine', { type: 'string', default: 'auto', describe: `compute engine: ${ENGINE_CHOICES.join(', ')}` })
        .option('cache-dir', { type: 'string', default: defaultCacheDir(), describe: 'decoded-image cache folder' }) as never,
    handler: async (args) => {
      // One evaluation kind so far; the flag keeps room for single-run re-evaluation later.
      if (!args.ensemble) throw new InputError(ensembleMessages.ensembleFlagMissing());
      const engine = parseEngine(args.engine);
      const outcomes = await evaluateEnsemble({
        paths: args.results, variants: args.variant, mixedExperiments: args.mixedExperiments, engine, cacheDir: args.cacheDir,
        onMember: (i, n, runId) => process.stderr.write(`member ${i}/${n}: ${runId}\n`),
      });
      process.stdout.write(`${formatEnsembleTable(outcomes)}\n`);
      setExit(0);
    },
  };
}
