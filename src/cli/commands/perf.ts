/**
 * `bench perf [EXPERIMENT]`: training and inference images/s on one engine, of a preset
 * (--variant, --input, --batch, --lrn) or of an experiment's own nets and batch sizes
 * (--variant then picks runs by their label); --out keeps a measurement with a results folder.
 */
import type { CommandModule } from 'yargs';
import { measurePerf, perfConfig, type PerfNet, type PerfResult } from '../../train/perf.js';
import { experimentPerfNets } from '../../train/perf-nets.js';
import { perfMessages } from '../../train/messages.js';
import { InputError, messages } from '../../core/errors.js';
import { MODEL_VARIANTS, isModelVariant } from '../../models/variants.js';
import { ensureWritableDir } from '../../results/layout.js';
import { resultsMessages } from '../../results/messages.js';
import { perfDir, perfRecord, requirePerfName, writePerfRecord } from '../../results/perf-record.js';
import { ENGINE_CHOICES, parseEngine } from './engine-option.js';

interface PerfArgs {
  experiment?: string;
  engine: string;
  variant?: string;
  input?: number;
  batch?: number;
  classes?: number;
  warmup: number;
  steps: number;
  profile: boolean;
  lrn?: boolean;
  json: boolean;
  out?: string;
  name?: string;
}

export function perfCommand(setExit: (code: number) => void): CommandModule<object, PerfArgs> {
  return {
    command: 'perf [experiment]',
    describe: 'measure training and inference images/s on an engine, of a preset or of an experiment\'s nets',
    builder: (y) =>
      y
        .positional('experiment', { type: 'string', describe: 'an experiment file: time its own nets and batch sizes' })
        .option('engine', { type: 'string', default: 'auto', describe: ENGINE_CHOICES.join(', ') })
        .option('variant', { type: 'string', describe: `without an experiment: ${MODEL_VARIANTS.join(', ')} (default owt); with one: a run label or some of its axis=value parts, e.g. activation=tanh` })
        .option('input', { type: 'number', describe: 'input size in pixels (default 64; not with an experiment)' })
        .option('batch', { type: 'number', describe: 'batch size (default 16; not with an experiment)' })
        .option('classes', { type: 'number', describe: 'classes (default 1000; not with an experiment)' })
        .option('warmup', { type: 'number', default: 2, describe: 'untimed steps first' })
        .option('steps', { type: 'number', default: 5, describe: 'timed steps' })
        .option('lrn', { type: 'boolean', describe: "LRN after conv1 and conv2 on (--lrn) or off (--no-lrn); default: the variant's own" })
        .option('profile', { type: 'boolean', default: false, describe: 'per-kernel time breakdown' })
        .option('json', { type: 'boolean', default: false })
        .option('out', { type: 'string', describe: 'results folder: also write the measurement to OUT/perf/NAME.json (needs --name)' })
        .option('name', { type: 'string', describe: 'the record\'s name with --out, e.g. paper-227-b64' }) as never,
    handler: async (args) => {
      requirePositive('--steps', args.steps);
      const engine = parseEngine(args.engine);
      const nets = perfNets(args);
      if (args.out !== undefined && nets.length > 1) throw new InputError(perfMessages.oneNetForOut(args.experiment!, nets.length));
      const record = recordTarget(args);
      const results: PerfResult[] = [];
      for (const net of nets) {
        const result = await measurePerf({
          engine, net, warmupSteps: args.warmup, timedSteps: args.steps, profile: args.profile,
          onNote: (line) => process.stderr.write(`${line}\n`),
        });
        results.push(result);
        if (!args.json) process.stdout.write(formatPerf(result));
      }
      // With an experiment the JSON is always a list (one entry per distinct net), so scripts need not guess.
      if (args.json) process.stdout.write(`${JSON.stringify(args.experiment === undefined ? results[0] : results, null, 2)}\n`);
      if (record) process.stderr.write(`wrote ${writePerfRecord(record.out, perfRecord(record.name, results[0]))}\n`);
      setExit(0);
    },
  };
}

function requirePositive(name: string, value: unknown): void {
  if (!Number.isInteger(value) || (value as number) < 1) throw new InputError(messages.notAllowed(name, value, ['a positive integer']));
}

/** The nets to time: an experiment's (perf-nets.ts), or the preset the options describe. */
function perfNets(args: PerfArgs): PerfNet[] {
  if (args.experiment !== undefined) {
    for (const [name, value] of [['--input', args.input], ['--batch', args.batch], ['--classes', args.classes], ['--lrn', args.lrn]] as const) {
      if (value !== undefined) throw new InputError(perfMessages.notWithExperiment(name, value, args.experiment));
    }
    return experimentPerfNets(args.experiment, args.variant);
  }
  const variant = args.variant ?? 'owt';
  if (!isModelVariant(variant)) throw new InputError(messages.notAllowed('--variant', variant, MODEL_VARIANTS));
  const [inputSize, batchSize, classes] = [args.input ?? 64, args.batch ?? 16, args.classes ?? 1000];
  requirePositive('--input', inputSize);
  requirePositive('--batch', batchSize);
  return [{ variant, config: perfConfig({ variant, inputSize, classes, lrn: args.lrn }), batchSize }];
}

/** Where --out and --name put the record, checked before measuring; null without --out. */
function recordTarget(args: PerfArgs): { out: string; name: string } | null {
  if (args.out === undefined && args.name === undefined) return null;
  if (args.out === undefined) throw new InputError(messages.onlyWith('--name', args.name, '--out'));
  if (args.name === undefined) throw new InputError(resultsMessages.perfNeedsName(args.out));
  requirePerfName(args.name);
  ensureWritableDir(perfDir(args.out));
  return { out: args.out, name: args.name };
}

export function formatPerf(r: PerfResult): string {
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  const lines = [
    ...(r.experiment ? [`${r.experiment.name}: ${r.experiment.runs.join(' | ')}`] : []),
    `engine ${r.engine} ${r.engineVersion} on ${r.device}`,
    `model ${r.variant}${r.lrn ? ' + LRN' : ''}${r.net ? `, ${r.net.activation}, kernels ${r.net.convs.map((c) => c.outChannels).join('-')}` : ''}, ${r.parameters.toLocaleString('en-US')} parameters, input ${r.inputSize} px, batch ${r.batchSize}`,
    `train:     ${r.train.imagesPerSecond.toFixed(2)} img/s (median step ${r.train.stepMsMedian.toFixed(0)} ms over ${r.train.steps}${r.train.stepMsFastest === undefined ? '' : `, fastest ${r.train.stepMsFastest.toFixed(1)} ms`})`,
    `inference: ${r.inference.imagesPerSecond.toFixed(2)} img/s (median batch ${r.inference.batchMsMedian.toFixed(0)} ms over ${r.inference.batches})`,
    `memory: peak tensors ${mib(r.peakTensorBytes)}, process RSS ${mib(r.rssBytes)} (peak ${mib(r.peakRssBytes)})${r.wasmHeapBytes === null ? '' : `, wasm heap ${mib(r.wasmHeapBytes)}`}`,
  ];
  if (r.kernels.length) {
    lines.push('kernels (one training step):');
    for (const k of r.kernels.slice(0, 15)) lines.push(`  ${k.name.padEnd(28)} ${k.timeMs.toFixed(1).padStart(9)} ms  x${k.calls}`);
  }
  return `${lines.join('\n')}\n`;
}
