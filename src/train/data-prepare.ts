/**
 * `bench data prepare`: decode an experiment's data set once, ahead of the runs, into the
 * decoded cache (src/data/decoded-cache.ts), so the first training run does not wait on it.
 */
import { loadDataset } from '../data/index.js';
import { resolveExperiment } from '../experiment/resolve.js';
import { validateExperimentFile } from '../experiment/validate.js';

export interface PrepareOptions {
  cacheDir: string;
  onProgress?: (done: number, total: number) => void;
}

export interface PrepareResult {
  description: string;
  fingerprint: string;
  trainImages: number;
  valImages: number;
  skippedFiles: number;
  timeMs: number;
}

export async function prepareData(experimentFile: string, opts: PrepareOptions): Promise<PrepareResult> {
  const experiment = resolveExperiment(validateExperimentFile(experimentFile));
  const startedMs = performance.now();
  const dataset = await loadDataset(experiment.runs[0].dataset, { cacheDir: opts.cacheDir, onProgress: opts.onProgress });
  return {
    description: dataset.description,
    fingerprint: dataset.fingerprint,
    trainImages: dataset.train.count,
    valImages: dataset.val.count,
    skippedFiles: dataset.skippedFiles?.length ?? 0,
    timeMs: performance.now() - startedMs,
  };
}

/** A progress bar on a terminal, a line per tenth otherwise. */
export function progressBar(write: (text: string) => void, live: boolean): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const fraction = total > 0 ? done / total : 1;
    if (live) {
      const width = 30;
      const filled = Math.round(fraction * width);
      write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} images decoded${done === total ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth > lastTenth) {
      lastTenth = tenth;
      write(`decoded ${done}/${total} images (${Math.round(fraction * 100)}%)\n`);
    }
  };
}
