/**
 * Question 4 (is the paper's split over two GPUs still needed?): what the paper's net needs
 * to train at the paper's batch of 128, COMPUTED from its layer table (src/models/memory.ts:
 * parameters, gradients, SGD momentum, activations kept for the backward pass, float32),
 * against the paper's GTX 580 (3 GB) and today's single accelerators (VENDOR FIGURES,
 * accelerators.ts), beside what `bench perf` MEASURED where the results hold perf records;
 * and the paper's training time (5-6 days at about 230 images/s) against the throughput
 * measured here, engine named.
 */
import { netMemory } from '../../models/memory.js';
import { variantConfig } from '../../models/variants.js';
import { loadReference } from '../../paper/reference.js';
import { ACCELERATORS, GB_BYTES } from '../../paper/accelerators.js';
import type { PerfMeasurement } from '../../results/perf-measurements.js';

/** The paper's batch size (section 5). */
export const PAPER_BATCH = 128;

export interface MemoryPart {
  part: string;
  bytes: number;
}

export interface DeviceFit {
  device: string;
  memoryGB: number;
  year: number;
  source: string;
  /** The computed need as a share of the device's memory. */
  share: number;
  fits: boolean;
}

export interface PerfRow extends PerfMeasurement {
  /** Days for the paper's 90 epochs of 1.2 M images at this measured throughput; null without one. */
  paperRunDays: number | null;
}

export interface MemoryStudy {
  net: string;
  inputSize: number;
  batchSize: number;
  parameters: number;
  /** Computed, bytes: parameters, gradients, optimizer state, activations, total. */
  parts: MemoryPart[];
  totalBytes: number;
  devices: DeviceFit[];
  perf: PerfRow[];
  paper: { epochs: number; trainImages: number; imagesPerSecond: number; days: number[]; computedDays: number };
}

/** Days to train `epochs` over `images` at `imagesPerSecond`. */
export function trainingDays(epochs: number, images: number, imagesPerSecond: number): number {
  return (epochs * images) / imagesPerSecond / 86_400;
}

/** Question 4's numbers; null when the results hold no perf record (the section then has no measured side). */
export function memoryStudy(perf: readonly PerfMeasurement[]): MemoryStudy | null {
  if (perf.length === 0) return null;
  const config = variantConfig('paper');
  const m = netMemory(config, { batchSize: PAPER_BATCH });
  const t = loadReference().training;
  return {
    net: 'paper (two towers, 1000 classes)',
    inputSize: config.inputSize,
    batchSize: PAPER_BATCH,
    parameters: m.parameters,
    parts: [
      { part: 'parameters', bytes: m.parameterBytes },
      { part: 'gradients', bytes: m.gradientBytes },
      { part: 'optimizer state (SGD momentum)', bytes: m.optimizerBytes },
      { part: `activations kept for the backward pass (batch ${PAPER_BATCH})`, bytes: m.activationBytes },
    ],
    totalBytes: m.totalBytes,
    devices: ACCELERATORS.map((a) => ({ device: a.name, memoryGB: a.memoryGB, year: a.year, source: a.source, share: m.totalBytes / (a.memoryGB * GB_BYTES), fits: m.totalBytes <= a.memoryGB * GB_BYTES })),
    // Only a measurement of the paper's own net at its own input size says how long the paper's run would take.
    perf: perf.map((p) => ({ ...p, paperRunDays: p.trainImagesPerSecond && p.variant === 'paper' && p.inputSize === config.inputSize ? trainingDays(t.epochs, t.trainImages, p.trainImagesPerSecond) : null })),
    paper: { epochs: t.epochs, trainImages: t.trainImages, imagesPerSecond: t.imagesPerSecond, days: t.days, computedDays: trainingDays(t.epochs, t.trainImages, t.imagesPerSecond) },
  };
}
