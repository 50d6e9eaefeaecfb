/** `bench cite RESULTS...`: BibTeX for the paper, this software and the exact result set. */
import type { CommandModule } from 'yargs';
import { citeResults } from '../../cite/cite.js';

interface CiteArgs {
  results: string[];
}

export function citeCommand(setExit: (code: number) => void): CommandModule<object, CiteArgs> {
  return {
    command: 'cite <results..>',
    describe: 'print BibTeX for the paper, this software and the result set (content hash)',
    builder: (y) => y.positional('results', { type: 'string', array: true, demandOption: true }) as never,
    handler: (args) => {
      const { entries } = citeResults(args.results);
      process.stdout.write(`${entries.join('\n\n')}\n`);
      setExit(0);
    },
  };
}
