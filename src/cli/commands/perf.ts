/** `bench perf`: training and inference images/s of one variant on one engine; --out keeps the measurement with a results folder. */
import type { CommandModule } from 'yargs';
import { measurePerf, type PerfResult } from '../../train/perf.js';
import { InputError, messages } from '../../core/errors.js';
import { MODEL_VARIANTS, isModelVariant } from '../../models/variants.js';
import { ensureWritableDir } from '../../results/layout.js';
import { resultsMessages } from '../../results/messages.js';
import { perfDir, perfRecord, requirePerfName, writePerfRecord } from '../../results/perf-record.js';
import { ENGINE_CHOICES, parseEngine } from './engine-option.js';

interface PerfArgs {
  engine: string;
  variant: string;
  input: number;
  batch: number;
  classes: number;
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
    command: 'perf',
    describe: 'measure training and inference images/s on an engine',
    builder: (y) =>
      y
        .option('engine', { type: 'string', default: 'auto', describe: ENGINE_CHOICES.join(', ') })
        .option('variant', { type: 'string', default: 'owt', describe: MODEL_VARIANTS.join(', ') })
        .option('input', { type: 'number', default: 64, describe: 'input size in pixels' })
        .option('batch', { type: 'number', default: 16 })
        .option('classes', { type: 'number', default: 1000 })
        .option('warmup', { type: 'number', default: 2, describe: 'untimed steps first' })
        .option('steps', { type: 'number', default: 5, describe: 'timed steps' })
        .option('lrn', { type: 'boolean', describe: "LRN after conv1 and conv2 on (--lrn) or off (--no-lrn); default: the variant's own" })
        .option('profile', { type: 'boolean', default: false, describe: 'per-kernel time breakdown' })
        .option('json', { type: 'boolean', default: false })
        .option('out', { type: 'string', describe: 'results folder: also write the measurement to OUT/perf/NAME.json (needs --name)' })
        .option('name', { type: 'string', describe: 'the record\'s name with --out, e.g. paper-227-b64' }) as never,
    handler: async (args) => {
      const variant = args.variant;
      if (!isModelVariant(variant)) throw new InputError(messages.notAllowed('--variant', variant, MODEL_VARIANTS));
      for (const [name, value] of [['--input', args.input], ['--batch', args.batch], ['--steps', args.steps]] as const) {
        if (!Number.isInteger(value) || value < 1) throw new InputError(messages.notAllowed(name, value, ['a positive integer']));
      }
      const record = recordTarget(args);
      const result = await measurePerf({
        engine: parseEngine(args.engine), variant, inputSize: args.input,
        batchSize: args.batch, classes: args.classes, warmupSteps: args.warmup, timedSteps: args.steps, profile: args.profile, lrn: args.lrn,
        onNote: (line) => process.stderr.write(`${line}\n`),
      });
      process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : formatPerf(result));
      if (record) process.stderr.write(`wrote ${writePerfRecord(record.out, perfRecord(record.name, result))}\n`);
      setExit(0);
    },
  };
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
    `engine ${r.engine} ${r.engineVersion} on ${r.device}`,
    `model ${r.variant}${r.lrn ? ' + LRN' : ''}, ${r.parameters.toLocaleString('en-US')} parameters, input ${r.inputSize} px, batch ${r.batchSize}`,
    `train:     ${r.train.imagesPerSecond.toFixed(2)} img/s (median step ${r.train.stepMsMedian.toFixed(0)} ms over ${r.train.steps})`,
    `inference: ${r.inference.imagesPerSecond.toFixed(2)} img/s (median batch ${r.inference.batchMsMedian.toFixed(0)} ms over ${r.inference.batches})`,
    `memory: peak tensors ${mib(r.peakTensorBytes)}, process RSS ${mib(r.rssBytes)} (peak ${mib(r.peakRssBytes)})${r.wasmHeapBytes === null ? '' : `, wasm heap ${mib(r.wasmHeapBytes)}`}`,
  ];
  if (r.kernels.length) {
    lines.push('kernels (one training step):');
    for (const k of r.kernels.slice(0, 15)) lines.push(`  ${k.name.padEnd(28)} ${k.timeMs.toFixed(1).padStart(9)} ms  x${k.calls}`);
  }
  return `${lines.join('\n')}\n`;
}
