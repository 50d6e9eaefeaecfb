/** `bench validate FILES...`: check experiment files, report every error at once. */
import type { CommandModule } from 'yargs';
import { validateExperimentFiles } from '../../experiment/validate.js';
import { resolveExperiment } from '../../experiment/resolve.js';

interface ValidateArgs {
  files: string[];
}

export function validateCommand(setExit: (code: number) => void): CommandModule<object, ValidateArgs> {
  return {
    command: 'validate <files..>',
    describe: 'check experiment files against the schema',
    builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true }) as never,
    handler: (args) => {
      const experiments = validateExperimentFiles(args.files).map(resolveExperiment);
      for (const e of experiments) process.stdout.write(`${e.source}: ok (${e.runs.length} runs)\n`);
      setExit(0);
    },
  };
}
