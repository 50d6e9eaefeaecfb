/**
 * The `bench perf --out DIR --name NAME` records of the results folders (DIR/perf/NAME.json:
 * a PerfResult with the engine, device, date and commit), as Question 4 shows them. Each
 * is a measurement of one engine on one device; the report labels it "measured".
 */
import type { PerfRecord } from './perf-record.js';
import { readPerfRecords } from './read-results.js';

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

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function measurement(folder: string, r: PerfRecord): PerfMeasurement {
  return {
    folder,
    name: r.name,
    engine: r.engine,
    device: r.device,
    variant: r.variant,
    inputSize: finite(r.inputSize),
    batchSize: finite(r.batchSize),
    trainImagesPerSecond: finite(r.train?.imagesPerSecond),
    peakTensorBytes: finite(r.peakTensorBytes),
    peakRssBytes: finite(r.peakRssBytes),
    wasmHeapBytes: finite(r.wasmHeapBytes),
    commit: r.commit,
  };
}

/**
 * Every perf record of the folders (read by the one reader, read-results.ts), in the order
 * given and by file name; files that are no perf record are left out here (the reader lists them).
 */
export function perfMeasurements(folders: readonly string[]): PerfMeasurement[] {
  return folders.flatMap((folder) => readPerfRecords(folder).records.map((r) => measurement(folder, r)));
}
