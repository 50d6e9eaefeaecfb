/**
 * The `bench perf --out DIR --name NAME` records of the results folders (DIR/perf/NAME.json:
 * a PerfResult with the engine, device, date and commit), as Question 4 shows them. Each
 * is a measurement of one engine on one device; the report labels it "measured".
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJson } from '../core/read-json.js';

export interface PerfMeasurement {
  /** The results folder it came from, and its name there. */
  folder: string;
  name: string;
  engine: string;
  device: string;
  variant: string;
  inputSize: number | null;
  batchSize: number | null;
  /** Training throughput, images per second. */
  trainImagesPerSecond: number | null;
  /** Largest tfjs tensor memory during the timed steps, and the process's largest resident set, bytes. */
  peakTensorBytes: number | null;
  peakRssBytes: number | null;
  /** Size of the wasm linear memory (wasm only), bytes. */
  wasmHeapBytes: number | null;
  commit: string | null;
}

type Json = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function measurement(folder: string, name: string, r: Json): PerfMeasurement {
  return {
    folder,
    name,
    engine: str(r.engine) ?? 'unknown',
    device: str(r.device) ?? 'unknown',
    variant: str(r.variant) ?? 'unknown',
    inputSize: num(r.inputSize),
    batchSize: num(r.batchSize),
    trainImagesPerSecond: num((r.train as Json | undefined)?.imagesPerSecond),
    peakTensorBytes: num(r.peakTensorBytes),
    peakRssBytes: num(r.peakRssBytes),
    wasmHeapBytes: num(r.wasmHeapBytes),
    commit: str(r.commit),
  };
}

/** Every perf record of the folders, in the order given and by file name; files that are no perf record are left out. */
export function perfMeasurements(folders: readonly string[]): PerfMeasurement[] {
  return folders.flatMap((folder) => {
    const dir = join(folder, 'perf');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !f.startsWith('.'))
      .sort()
      .flatMap((file) => {
        const value = readJson<Json>(join(dir, file)).value;
        return value && value.kind === 'perf' ? [measurement(folder, file.slice(0, -'.json'.length), value)] : [];
      });
  });
}
