/** Test helper: hand-made result folders in the public results layout (no training). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FakeRun {
  runId: string;
  variant?: string;
  seed?: number;
  engine?: string;
  status?: string;
  top1: number;
  top5?: number;
  loss?: number;
  imagesPerSecond?: number;
  weightsSha256?: string | null;
  commit?: string | null;
}

export interface FakeResults {
  experiment?: string;
  regression?: Record<string, unknown>;
  runs: FakeRun[];
}

/** Writes <dir>/<experiment>/... and returns <dir>. */
export function writeResults(dir: string, { experiment = 'exp', regression, runs }: FakeResults): string {
  const expDir = join(dir, experiment);
  mkdirSync(expDir, { recursive: true });
  writeFileSync(join(expDir, 'experiment.resolved.json'), JSON.stringify({ schemaVersion: 1, name: experiment, runs: [], ...(regression ? { regression } : {}) }));
  for (const r of runs) {
    const runDir = join(expDir, r.runId);
    mkdirSync(runDir, { recursive: true });
    const val = { loss: r.loss ?? 1, errors: { top1: r.top1, top5: r.top5 ?? r.top1 / 2 } };
    writeFileSync(
      join(runDir, 'summary.json'),
      JSON.stringify({
        schemaVersion: 1, runId: r.runId, experiment, variant: r.variant ?? 'base', axes: {}, seed: r.seed ?? 1, engine: r.engine ?? 'wasm',
        status: r.status ?? 'completed', epochsCompleted: 1, steps: 1,
        final: { train: null, val, valTenCrop: null }, best: null, finalLearningRate: 0.01,
        timings: { totalMs: 1, meanEpochMs: 1, imagesPerSecond: r.imagesPerSecond ?? 100 }, peakTensorBytes: 0,
        weightsSha256: r.weightsSha256 === undefined ? `hash-${r.runId}` : r.weightsSha256, dataFingerprint: 'x', dataSkippedFiles: 0,
      }),
    );
    writeFileSync(join(runDir, 'provenance.json'), JSON.stringify({ git: { commit: r.commit === undefined ? 'c0ffee' : r.commit, dirty: false } }));
  }
  return dir;
}
