/** `bench models`: every declared variant with its parameter count, or with --memory its training memory. */
import type { CommandModule } from 'yargs';
import { InputError, messages } from '../../core/errors.js';
import { describeModels, type ModelDescription } from '../../models/alexnet.js';
import { DROPOUT_PLACEMENTS } from '../../models/layouts.js';
import { LRN_ALPHA_READINGS } from '../../models/lrn.js';
import { describeMemory, type VariantMemory } from '../../models/memory.js';
import { NORMALIZATION_NAMES, type NormalizationName } from '../../models/normalizations.js';

interface ModelsArgs {
  input?: number;
  classes: number;
  memory: boolean;
  batch?: number;
  normalization?: NormalizationName;
  json: boolean;
}

/** The batch size of --memory when --batch is not given (the paper's, section 5). */
const MEMORY_BATCH = 128;

export function modelsCommand(setExit: (code: number) => void): CommandModule<object, ModelsArgs> {
  return {
    command: 'models',
    describe: 'list the model variants and their parameter counts (--memory: the memory training needs)',
    builder: (y) =>
      y
        .option('input', { type: 'number', describe: "input size in pixels (default: each variant's own)" })
        .option('classes', { type: 'number', default: 1000 })
        .option('memory', { type: 'boolean', default: false, describe: 'bytes of parameters, gradients, momentum and kept activations at float32, computed from the layer table' })
        .option('batch', { type: 'number', describe: `batch size for --memory (default ${MEMORY_BATCH})` })
        .option('normalization', { type: 'string', choices: NORMALIZATION_NAMES, describe: "every variant with this normalization (default: each variant's own)" })
        .option('json', { type: 'boolean', default: false }) as never,
    handler: (args) => {
      if (args.batch !== undefined && !args.memory) throw new InputError(messages.onlyWith('--batch', args.batch, '--memory'));
      if (args.memory) {
        const batchSize = args.batch ?? MEMORY_BATCH;
        if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(messages.notAllowed('--batch', batchSize, ['a positive integer']));
        const rows = describeMemory({ inputSize: args.input, classes: args.classes, batchSize });
        process.stdout.write(args.json ? `${JSON.stringify(rows, null, 2)}\n` : formatMemory(rows, { classes: args.classes, batchSize }));
        setExit(0);
        return;
      }
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

function formatMemory(rows: VariantMemory[], opts: { classes: number; batchSize: number }): string {
  const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  const table = rows.map((r) => [
    r.name, `${r.inputSize} px`, r.memory.parameters.toLocaleString('en-US'),
    mib(r.memory.parameterBytes), mib(r.memory.gradientBytes), mib(r.memory.optimizerBytes), mib(r.memory.activationBytes), mib(r.memory.totalBytes),
  ]);
  const header = ['variant', 'input', 'parameters', 'weights', 'gradients', 'momentum', 'activations', 'total'];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  const notes = [
    '',
    `Training memory at batch ${opts.batchSize}, ${opts.classes} classes, float32 (4 bytes a value), computed from each layer table, not measured.`,
    'activations: what a training step keeps for its backward pass: the input, each conv layer\'s output before and after the',
    'activation, after its normalization and pooling, each hidden dense layer\'s output before and after the activation and',
    'its dropout output, and the logits. An engine keeps more (temporaries, saved op inputs) or fewer; bench perf measures one.',
  ];
  return `${[line(header), ...table.map(line), ...notes].join('\n')}\n`;
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
