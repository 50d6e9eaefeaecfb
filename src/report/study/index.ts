/**
 * The study's four questions, computed from result records: (1) the paper's techniques,
 * (2) later techniques, (3) ReLU against saturating units, (4) memory and time on one device.
 * Each part is empty (or null) when the results hold nothing for it, and the report then
 * leaves its section out.
 */
import type { ExperimentResults } from '../results-view.js';
import { activationStudy, type ActivationStudy } from './activations.js';
import { contrastRows, type ContrastRow } from './contrast-rows.js';
import { dropoutGapRows, dropoutTimeRows, type DropoutGapRow, type DropoutTimeRow } from './dropout.js';
import { earlyStoppingRows, type EarlyStoppingRow } from './early-stopping.js';
import { ensembleRows, type EnsembleRow } from './ensembles.js';
import { lightingNotes, type LightingNote } from './lighting.js';
import { lrnFactors, type LrnFactorRow } from './lrn-factors.js';
import { memoryStudy, type MemoryStudy } from './memory.js';
import type { PerfMeasurement } from '../../results/perf-measurements.js';
import { tenCropRows, type TenCropRow } from './ten-crop.js';

export interface StudyModel {
  /** Question 1. */
  techniques: ContrastRow[];
  dropoutGap: DropoutGapRow[];
  dropoutTime: DropoutTimeRow[];
  tenCrop: TenCropRow[];
  lighting: LightingNote[];
  lrnFactors: LrnFactorRow[];
  /** Question 2 (the ensemble claims are claim rows of the report). */
  later: ContrastRow[];
  earlyStopping: EarlyStoppingRow[];
  ensembles: EnsembleRow[];
  /** Question 3. */
  activations: ActivationStudy;
  /** Question 4; null without perf records. */
  memory: MemoryStudy | null;
}

export function studyModel(experiments: readonly ExperimentResults[], perf: readonly PerfMeasurement[]): StudyModel {
  return {
    techniques: contrastRows(1, experiments),
    dropoutGap: dropoutGapRows(experiments),
    dropoutTime: dropoutTimeRows(experiments),
    tenCrop: tenCropRows(experiments),
    lighting: lightingNotes(experiments),
    lrnFactors: lrnFactors(experiments),
    later: contrastRows(2, experiments),
    earlyStopping: earlyStoppingRows(experiments),
    ensembles: ensembleRows(experiments),
    activations: activationStudy(experiments),
    memory: memoryStudy(perf),
  };
}

/** Whether the results hold anything for each question's section. */
export function studySections(s: StudyModel): { q1: boolean; q2: boolean; q3: boolean; q4: boolean } {
  return {
    q1: s.techniques.length + s.dropoutGap.length + s.dropoutTime.length + s.tenCrop.length > 0,
    q2: s.later.length + s.earlyStopping.length + s.ensembles.length > 0,
    q3: s.activations.times.length > 0,
    q4: s.memory !== null,
  };
}
