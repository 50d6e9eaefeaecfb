/**
 * The nets of an experiment, for `bench perf EXPERIMENT [--variant LABEL]`: every resolved
 * run's net and batch size, one entry per distinct pair (runs that differ only in what
 * does not change a step's cost, such as the seed or the learning rate, share one), so a
 * user learns what the nets of their own study cost rather than a preset's.
 */
import { canonicalJson } from '../core/canonical-json.js';
import { InputError } from '../core/errors.js';
import { resolveExperiment, type ResolvedRun } from '../experiment/resolve.js';
import { validateExperimentFile } from '../experiment/validate.js';
import { layerTable } from '../models/layer-table.js';
import { perfMessages } from './messages.js';
import type { PerfNet } from './perf.js';

/** "a=1,b=2" -> ["a=1", "b=2"]; a label with no "=" is one part. */
function labelParts(label: string): string[] {
  return label.split(',').map((p) => p.trim()).filter((p) => p.length > 0);
}

/**
 * Whether a run's matrix label matches --variant: the label itself, or some of its
 * "axis=value" parts ("activation=tanh" picks every tanh run of a grid that also varies
 * the learning rate).
 */
export function labelMatches(runLabel: string, wanted: string): boolean {
  if (runLabel === wanted) return true;
  const have = new Set(labelParts(runLabel));
  const want = labelParts(wanted);
  return want.length > 0 && want.every((p) => have.has(p));
}

/** What decides a step's cost: the layer table (geometry, activation, normalization, dropout) and the batch size. */
function costKey(run: ResolvedRun): string {
  return canonicalJson({ net: layerTable(run.model), batchSize: run.training.batchSize });
}

export function experimentPerfNets(file: string, variant?: string): PerfNet[] {
  const experiment = resolveExperiment(validateExperimentFile(file));
  const runs = variant === undefined ? experiment.runs : experiment.runs.filter((r) => labelMatches(r.variant, variant));
  if (runs.length === 0) {
    const labels = [...new Set(experiment.runs.map((r) => r.variant))];
    throw new InputError(perfMessages.noSuchRun(file, variant ?? '', labels));
  }
  const nets = new Map<string, PerfNet>();
  for (const run of runs) {
    const key = costKey(run);
    const net = nets.get(key) ?? {
      variant: run.preset.variant, config: run.model, batchSize: run.training.batchSize, experiment: { name: experiment.name, runs: [] },
      batchWhere: `${file}: /training/batchSize`,
    };
    if (!net.experiment!.runs.includes(run.variant)) net.experiment!.runs.push(run.variant);
    nets.set(key, net);
  }
  return [...nets.values()];
}
