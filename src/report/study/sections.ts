/**
 * The study's sections (Questions 1 to 4) as blocks of text and tables, in the order the
 * report shows them; markdown.ts and html.ts render the same blocks. A question the results
 * hold nothing for has no section (its finding says what would answer it).
 */
import type { ReportModel } from '../model.js';
import { claimRowsTable, type Table } from '../tables.js';
import { DEFAULT_MARGIN_POINTS } from './contrast-rows.js';
import { DROPOUT_TARGET } from './dropout.js';
import { DEFAULT_SPEED_MARGIN } from './activations.js';
import { studySections } from './index.js';
import {
  activationTimeTable, contrastTable, deviceTable, dropoutGapTable, dropoutTimeTable, earlyStoppingTable, ensembleObservationTable, memoryTable, perfTable, speedTable, tenCropTable,
} from './tables.js';

export type Block = { kind: 'text'; text: string } | { kind: 'heading'; text: string } | { kind: 'table'; table: Table } | { kind: 'figures' };

export interface StudySection {
  id: 'q1' | 'q2' | 'q3' | 'q4';
  title: string;
  blocks: Block[];
}

const text = (t: string): Block => ({ kind: 'text', text: t });
const heading = (t: string): Block => ({ kind: 'heading', text: t });
const table = (t: Table): Block => ({ kind: 'table', table: t });

function when(cond: boolean, ...blocks: Block[]): Block[] {
  return cond ? blocks : [];
}

const SEEDS_NOTE = 'Seeds are the unit: runs that differ only in the contrast\'s axis are paired by seed, pairs of one seed averaged; 95% Student-t intervals over seeds; top-1 error; positive: the first-named choice removes error.';

function question1(model: ReportModel): StudySection {
  const s = model.study!;
  const lighting = s.lighting.some((n) => n.nonZeroEigenvalues.length === 1 && n.nonZeroEigenvalues[0] === 1);
  return {
    id: 'q1',
    title: 'Question 1: the paper\'s techniques',
    blocks: [
      ...when(s.techniques.length > 0, text(`${SEEDS_NOTE} Verdicts on a data set other than the paper's test the direction only, with m half the paper's number where it gives one and ${DEFAULT_MARGIN_POINTS} points (a stated default) where it does not.`), table(contrastTable(s.techniques))),
      ...when(lighting, text('PCA lighting on grey images: these runs used the data set\'s own eigen-pairs, which have one non-zero eigenvalue (along (1, 1, 1)), so lighting only shifts the brightness of each image.')),
      ...when(s.tenCrop.length > 0, heading('Ten-patch testing'), text('Centre-crop top-1 error minus ten-crop top-1 error within the same runs (the paper\'s ten patches: four corners and the centre, and their reflections); each seed\'s runs averaged over the variants.'), table(tenCropTable(s.tenCrop))),
      ...when(s.dropoutGap.length + s.dropoutTime.length > 0, heading('Dropout, measured'), text(`The paper: without dropout, substantial overfitting; with it, about twice the iterations to converge. Measured on the eval-mode training error (split "train-eval": training images evaluated like validation images, dropout off), never on the training error logged during the epoch, which dropout inflates. Gap: validation top-1 minus eval-mode training top-1 (points). Time: epochs until the eval-mode training top-1 error first reaches ${DROPOUT_TARGET * 100}% (a stated target; the paper names none), censored at the run's length.`)),
      ...when(s.dropoutGap.length > 0, table(dropoutGapTable(s.dropoutGap))),
      ...when(s.dropoutTime.length > 0, table(dropoutTimeTable(s.dropoutTime))),
    ],
  };
}

function question2(model: ReportModel): StudySection {
  const s = model.study!;
  const ensembleClaims = model.claims.filter((c) => c.experiment !== null && c.id.startsWith('ensemble-'));
  return {
    id: 'q2',
    title: 'Question 2: later techniques',
    blocks: [
      ...when(s.later.length > 0, text(`${SEEDS_NOTE} None of these is a claim of the paper: m = ${DEFAULT_MARGIN_POINTS} points, a stated default.`), table(contrastTable(s.later))),
      ...when(s.earlyStopping.length > 0, heading('Early stopping'), text('The restored best epoch\'s validation top-1 error (the last epoch\'s where nothing was restored) against the same seed run for the whole budget. A holdout monitor is honest; monitoring the validation split is optimistic.'), table(earlyStoppingTable(s.earlyStopping))),
      ...when(s.ensembles.length > 0, heading('Ensembles'), text('Each bench eval --ensemble record against the mean of its own members\' single-net errors, same crop. Each disjoint ensemble is one observation (n = disjoint ensembles); an ensemble sharing members with one counted before it is not independent and is left out.'), table(ensembleObservationTable(s.ensembles))),
      ...when(ensembleClaims.length > 0, text('Against the paper\'s Table 2 (the 7-CNN row averaged two nets pre-trained on another data set, so it is not the same contrast and gets direction verdicts only):'), table(claimRowsTable(ensembleClaims))),
    ],
  };
}

function question3(model: ReportModel): StudySection {
  const a = model.study!.activations;
  return {
    id: 'q3',
    title: 'Question 3: ReLU against saturating units',
    blocks: [
      text('Time to the training-error target per activation, each at its own best learning rate (the paper chose each activation\'s to train fastest); censored runs count at their length. ReLU vs tanh is the paper\'s Figure 1 claim; ReLU vs sigmoid is not a claim of the paper (m: a factor of ' + `${DEFAULT_SPEED_MARGIN} either way, a stated default).`),
      table(activationTimeTable(a.times)),
      ...when(a.speed.length > 0, table(speedTable(a.speed))),
      ...when(a.gradients.length > 0, text('Per-layer gradient norms (L2 norm of each kernel\'s gradient, before the update) and saturated fractions (units whose activation derivative is below 10% of its maximum; for ReLU, units at exactly 0) of those runs at each log point, median over seeds.'), { kind: 'figures' }),
    ],
  };
}

function question4(model: ReportModel): StudySection {
  const m = model.study!.memory!;
  return {
    id: 'q4',
    title: 'Question 4: memory and time on one device',
    blocks: [
      text(`COMPUTED from the layer table (src/models/memory.ts), float32, batch ${m.batchSize}: what one training step keeps; an engine keeps more (workspace, copies) or less.`),
      table(memoryTable(m)),
      text('VENDOR FIGURES, not measurements: one device\'s memory as its vendor states it (the GTX 580 as the paper states it).'),
      table(deviceTable(m)),
      text(`MEASURED by bench perf (perf/*.json of the results folders). Days: the paper's ${m.paper.epochs} epochs of ${m.paper.trainImages} images at the measured training throughput, for the paper's net at ${m.inputSize} px only; the paper: ${m.paper.days.join('-')} days at about ${m.paper.imagesPerSecond} images/s.`),
      table(perfTable(m)),
    ],
  };
}

/** The sections the results hold data for, in question order. */
export function studySectionList(model: ReportModel): StudySection[] {
  if (!model.study) return [];
  const has = studySections(model.study);
  return [has.q1 && question1(model), has.q2 && question2(model), has.q3 && question3(model), has.q4 && question4(model)].filter((s): s is StudySection => s !== false);
}
