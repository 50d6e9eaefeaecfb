/** `bench models`: every declared variant with its parameter count. */
import type { CommandModule } from 'yargs';
import { describeModels, type ModelDescription } from '../../models/alexnet.js';
import { DROPOUT_PLACEMENTS } from '../../models/layouts.js';
import { LRN_ALPHA_READINGS } from '../../models/lrn.js';
import { NORMALIZATION_NAMES, type NormalizationName } from '../../models/normalizations.js';

interface ModelsArgs {
  input?: number;
  classes: number;
  normalization?: NormalizationName;
  json: boolean;
}

export function modelsCommand(setExit: (code: number) => void): CommandModule<object, ModelsArgs> {
  return {
    command: 'models',
    describe: 'list the model variants and their parameter counts',
    builder: (y) =>
      y
        .option('input', { type: 'number', describe: "input size in pixels (default: each variant's own)" })
        .option('classes', { type: 'number', default: 1000 })
        .option('normalization', { type: 'string', choices: NORMALIZATION_NAMES, describe: "every variant with this normalization (default: each variant's own)" })
        .option('json', { type: 'boolean', default: false }) as never,
    handler: (args) => {
      const models = describeModels({ inputSize: args.input, classes: args.classes, normalization: args.normalization });
      process.stdout.write(args.json ? `${JSON.stringify(models, null, 2)}\n` : formatModels(models, args.classes));
      setExit(0);
    },
  };
}

function formatModels(models: ModelDescription[], classes: number): string {
  const rows = models.map((m) => [
    m.name,
    m.layout,
    m.parameters.toLocaleString('en-US'),
    `${m.inputSize} px`,
    String(m.towers),
    normalizationCell(m),
    m.kernels.join('-'),
    m.fcUnits.length ? m.fcUnits.join('-') : '-',
    m.fcUnits.length ? m.dropoutPlacement : '-',
  ]);
  const header = ['variant', 'layout', 'parameters', 'input', 'towers', 'normalization', 'conv kernels', 'hidden fc', 'dropout on'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  const descriptions = models.map((m) => `  ${m.name}: ${m.description}`);
  const readings = Object.entries(LRN_ALPHA_READINGS).map(([name, r]) => `  ${name}: ${r.description}`);
  const placements = Object.entries(DROPOUT_PLACEMENTS).map(([name, text]) => `  ${name}: ${text}`);
  const notes = ['', 'LRN alpha readings:', ...readings, '', 'Dropout at the hidden fc layers:', ...placements];
  if (models.some((m) => m.batchNormParameters > 0)) notes.push('', ...BATCH_NORM_NOTE);
  return `${[line(header), ...rows.map(line), '', `${classes} classes.`, ...descriptions, ...notes].join('\n')}\n`;
}

function normalizationCell(m: ModelDescription): string {
  const parts = [
    ...(m.lrn ? [`${m.lrn.alphaReading} alpha: ${m.lrn.effectiveAlpha} per term`] : []),
    ...(m.batchNormParameters > 0 ? [`gamma, beta: ${m.batchNormParameters.toLocaleString('en-US')} parameters`] : []),
  ];
  return parts.length ? `${m.normalization} (${parts.join('; ')})` : m.normalization;
}

const BATCH_NORM_NOTE = [
  'Batch normalization:',
  '  gamma and beta, one each per conv channel, are trained and counted in "parameters";',
  '  the running mean and variance (as many values) are state: saved with the weights, not counted.',
];
