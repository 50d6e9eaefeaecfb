/** `bench report RESULTS... --out DIR`: an offline HTML report, figures, tables and claims from results folders. */
import type { CommandModule } from 'yargs';
import { InputError } from '../../core/errors.js';
import { buildReport } from '../../report/build-report.js';
import { reportMessages } from '../../report/messages.js';

interface ReportArgs {
  results: string[];
  out?: string;
}

/** An ensemble claim is scored once per crop; its context ("ten-crop ensembles of 5") tells the lines apart. */
const ENSEMBLE_CONTEXT = /^(centre|ten-crop) ensembles of \d+$/;

export function reportCommand(setExit: (code: number) => void): CommandModule<object, ReportArgs> {
  return {
    command: 'report <results..>',
    describe: 'write a report folder (index.html offline, SVG/PNG figures, results.md/.tex, claims.md, report.json) from results folders',
    builder: (y) =>
      y
        .positional('results', { type: 'string', array: true, demandOption: true, describe: 'results folders written by bench run --out (several are compared)' })
        .option('out', { type: 'string', describe: 'folder to write the report to (replaced if it holds an earlier report)' }) as never,
    handler: async (args) => {
      if (!args.out) throw new InputError(reportMessages.noOut());
      const r = await buildReport({ folders: args.results, out: args.out });
      for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      const gaps = r.model.experiments.reduce((n, e) => n + e.gaps.length, 0);
      const verdicts = r.model.claims.filter((c) => c.verdict !== 'not tested').map((c) => `${c.id} (${[c.experiment, ...c.contexts.filter((x) => ENSEMBLE_CONTEXT.test(x))].join(', ')}): ${c.verdict}`);
      process.stdout.write(`${args.out}: ${r.files.length} files, ${r.charts.length} figures, ${gaps} gap(s)\n`);
      for (const v of verdicts) process.stdout.write(`claim ${v}\n`);
      setExit(0);
    },
  };
}
