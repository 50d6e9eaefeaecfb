/**
 * The study's tables as plain text cells (unescaped; markdown.ts and html.ts escape them),
 * with the number formats of every other table (format.ts).
 */
import type { Table } from '../tables.js';
import { claimWhy } from '../tables.js';
import { claimMean, fixed, meanStd, openInterval } from '../format.js';
import type { ClaimInterval } from '../stats.js';
import type { ActivationTimeRow, SpeedRow } from './activations.js';
import type { ContrastRow } from './contrast-rows.js';
import type { DropoutGapRow, DropoutTimeRow, TimeSide } from './dropout.js';
import type { EarlyStoppingRow } from './early-stopping.js';
import type { EnsembleRow } from './ensembles.js';
import type { MemoryStudy } from './memory.js';
import type { TenCropRow } from './ten-crop.js';

const n = (iv: ClaimInterval | null) => (iv ? String(iv.n) : '0');
const gib = (bytes: number | null) => (bytes === null ? '-' : fixed(bytes / 2 ** 30));

export function contrastTable(rows: readonly ContrastRow[]): Table {
  return {
    head: ['experiment', 'contrast', 'seeds', 'top-1 error removed (points)', '95% interval', 'margin', 'verdict', 'why'],
    rows: rows.map((r) => [r.result.experiment ?? '-', r.label, n(r.result.measured), claimMean(r.result.measured), openInterval(r.result.measured), r.marginSource, r.result.verdictText, claimWhy(r.result)]),
  };
}

export function tenCropTable(rows: readonly TenCropRow[]): Table {
  return {
    head: ['experiment', 'runs', 'variants', 'centre top-1 (%)', 'ten-crop top-1 (%)', 'removed by ten patches (points)', '95% interval', 'seeds', 'verdict'],
    rows: rows.map((r) => [r.experiment, String(r.runs), String(r.variants), meanStd(r.centre), meanStd(r.tenCrop), claimMean(r.judged.measured), openInterval(r.judged.measured), n(r.judged.measured), r.judged.verdictText]),
  };
}

export function dropoutGapTable(rows: readonly DropoutGapRow[]): Table {
  return {
    head: ['experiment', 'gap without dropout (points)', 'gap with dropout (points)', 'gap removed by dropout (points)', '95% interval', 'seeds', 'verdict', 'tuned'],
    rows: rows.map((r) => [r.experiment, meanStd(r.withoutDropout), meanStd(r.withDropout), claimMean(r.judged.measured), openInterval(r.judged.measured), n(r.judged.measured), r.judged.verdictText, r.chosen.join('; ') || '-']),
  };
}

function side(s: TimeSide): string {
  return s.medianEpochs === null ? '-' : `${s.censored ? '>= ' : ''}${fixed(s.medianEpochs, 0)} (${s.reached}/${s.runs} reached)`;
}

export function dropoutTimeTable(rows: readonly DropoutTimeRow[]): Table {
  return {
    head: ['experiment', 'eval-mode training target', 'median epochs with dropout', 'median epochs without', 'ratio with/without', '95% interval', 'seeds', 'paper', 'verdict'],
    rows: rows.map((r) => [r.experiment, `${r.targetPercent}% top-1`, side(r.withDropout), side(r.withoutDropout), claimMean(r.judged.measured), openInterval(r.judged.measured), n(r.judged.measured), 'about 2x', r.judged.verdictText]),
  };
}

export function earlyStoppingTable(rows: readonly EarlyStoppingRow[]): Table {
  return {
    head: ['experiment', 'monitored split', 'kept net top-1 (%)', 'full budget top-1 (%)', 'removed (points)', '95% interval', 'seeds', 'epochs saved', 'stopped early', 'verdict'],
    rows: rows.map((r) => [r.experiment, r.monitor, meanStd(r.stopped), meanStd(r.full), claimMean(r.judged.measured), openInterval(r.judged.measured), n(r.judged.measured), meanStd(r.epochsSaved, '±', 1), `${r.stoppedEarly}/${r.runs}`, r.judged.verdictText]),
  };
}

export function ensembleObservationTable(rows: readonly EnsembleRow[]): Table {
  return {
    head: ['experiment', 'ensemble', 'nets', 'crop', 'ensemble top-1 (%)', "members' mean top-1 (%)", 'removed (points)', 'counted'],
    rows: rows.map((r) => [r.experiment, r.id, String(r.nets), r.crop, fixed(r.ensembleError), fixed(r.memberMean), fixed(r.removed), r.leftOut ? `no: ${r.leftOut}` : 'yes']),
  };
}

export function activationTimeTable(rows: readonly ActivationTimeRow[]): Table {
  return {
    head: ['experiment', 'activation', 'best learning rate (chosen on the same seeds)', 'reached', `median epochs to ${rows[0]?.targetPercent ?? 25}%`],
    rows: rows.map((r) => [r.experiment, r.activation, r.chosen.join('; ') || '-', `${r.reached}/${r.runs}`, `${r.censored ? '>= ' : ''}${fixed(r.medianEpochs)}`]),
  };
}

export function speedTable(rows: readonly SpeedRow[]): Table {
  return {
    head: ['experiment', 'contrast', 'paper', 'time ratio', '95% interval', 'seeds', 'verdict', 'why'],
    rows: rows.map((r) => [r.experiment, r.label, r.result.paper === null ? 'no number' : `${r.result.paper}x`, claimMean(r.result.measured), openInterval(r.result.measured), n(r.result.measured), r.result.verdictText, claimWhy(r.result)]),
  };
}

export function memoryTable(m: MemoryStudy): Table {
  return {
    head: ['part', 'bytes', 'GiB', 'source'],
    rows: [...m.parts, { part: 'total', bytes: m.totalBytes }].map((p) => [p.part, String(p.bytes), gib(p.bytes), 'computed']),
  };
}

export function deviceTable(m: MemoryStudy): Table {
  return {
    head: ['device', 'memory (GB)', 'year', 'computed need / memory', 'fits by the count', 'source'],
    rows: m.devices.map((d) => [d.device, String(d.memoryGB), String(d.year), `${fixed(d.share * 100, 1)}%`, d.fits ? 'yes' : 'no', d.source]),
  };
}

export function perfTable(m: MemoryStudy): Table {
  return {
    head: ['record', 'engine', 'device', 'variant', 'input (px)', 'batch', 'train images/s', 'peak tensor memory (GiB)', 'wasm heap (GiB)', 'peak RSS (GiB)', `the paper's ${m.paper.epochs} epochs (days)`, 'source'],
    rows: m.perf.map((p) => [p.name, p.engine, p.device, p.variant, String(p.inputSize ?? '-'), String(p.batchSize ?? '-'), fixed(p.trainImagesPerSecond, 1), gib(p.peakTensorBytes), gib(p.wasmHeapBytes), gib(p.peakRssBytes), fixed(p.paperRunDays, 1), 'measured']),
  };
}
