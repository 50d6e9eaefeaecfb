/**
 * The paragraphs of Question 3 (why ReLU beats saturating units: time to the target at each
 * activation's best learning rate, the ratios, the gradients read out) and Question 4 (the
 * paper's net on one device today: computed memory against devices, measured memory and
 * throughput, the paper's training time against the throughput measured here).
 */
import { fixed } from '../format.js';
import type { ActivationTimeRow, SpeedRow } from '../study/activations.js';
import type { StudyModel } from '../study/index.js';
import type { MemoryStudy } from '../study/memory.js';
import type { Finding } from './claims.js';
import { gradientSentences } from './gradients.js';
import { notRunQuestion } from './not-run.js';
import { gib, intervalNote, listText, paragraph, ratioText, verdictClause } from './words.js';

const NAME: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };

function timePhrase(t: ActivationTimeRow): string {
  const chosen = t.chosen.length ? `; ${t.chosen.map((c) => c.slice(c.indexOf(': ') + 2)).join('; ')}` : '';
  return `${NAME[t.activation] ?? t.activation} ${t.censored ? 'at least ' : ''}${fixed(t.medianEpochs)} (${t.reached}/${t.runs} runs reached it${chosen})`;
}

function speedPhrase(s: SpeedRow): string {
  const c = s.result;
  if (c.measured === null || c.verdict === 'not tested') return `${s.label}: not tested (${c.note})`;
  return `${s.label}: time ratio ${ratioText(c.measured)} ${intervalNote(c.measured, { of: 'the ratio' })}, ${verdictClause(c.verdictText, c.note)}`;
}

export function question3(study: StudyModel): Finding {
  const title = 'Question 3: why does ReLU beat sigmoid and tanh: faster convergence, gradients that do not vanish?';
  const a = study.activations;
  if (a.times.length === 0) return { id: 'q3', title, text: paragraph([notRunQuestion(3)]), tested: false };
  const experiments = [...new Set(a.times.map((t) => t.experiment))];
  return {
    id: 'q3',
    title,
    tested: true,
    text: paragraph(
      experiments.flatMap((e) => {
        const times = a.times.filter((t) => t.experiment === e);
        const speed = a.speed.filter((s) => s.experiment === e);
        return [
          `In ${e}, median epochs to ${times[0]!.targetPercent}% training error, each activation at its best learning rate (chosen on the same seeds): ${listText(times.map(timePhrase))}`,
          ...(speed.length ? [speed.map(speedPhrase).join('; ')] : []),
          ...gradientSentences(a.gradients.filter((g) => g.experiment === e)),
          ...(speed[0] ? [`Protocol: ${speed[0].result.protocol}`] : []),
        ];
      }),
    ),
  };
}

function memorySentences(m: MemoryStudy): string[] {
  const paperDevice = m.devices[0]!;
  const today = m.devices.slice(1);
  const fit = (d: MemoryStudy['devices'][number]) => `${d.device} ${d.memoryGB} GB: ${fixed(d.share * 100, 1)}%`;
  return [
    `Computed from its layer table (not measured), the paper's net (${m.net}, input ${m.inputSize} px, ${fixed(m.parameters / 1e6, 1)} M parameters) needs ${gib(m.totalBytes)} to train at batch ${m.batchSize} in float32: ${listText(m.parts.map((p) => `${p.part} ${gib(p.bytes)}`))}`,
    `That is ${fixed(paperDevice.share * 100, 1)}% of the paper's ${paperDevice.memoryGB} GB GTX 580 (${paperDevice.fits ? 'within it by this count, which leaves out the engine\'s workspace and copies' : 'more than it holds'}); of today's single accelerators (vendor figures, not measurements) it takes ${listText(today.map(fit))}`,
  ];
}

function perfSentences(m: MemoryStudy): string[] {
  return m.perf.map((p) => {
    const memory = [p.peakTensorBytes !== null ? `${gib(p.peakTensorBytes)} peak tensor memory` : null, p.wasmHeapBytes !== null ? `a ${gib(p.wasmHeapBytes)} wasm heap` : null, p.peakRssBytes !== null ? `${gib(p.peakRssBytes)} peak resident memory` : null].filter((x): x is string => x !== null);
    const speed = p.trainImagesPerSecond !== null ? `${fixed(p.trainImagesPerSecond, 1)} training images/s` : 'no training throughput';
    const days = p.paperRunDays !== null ? `; at that rate the paper's ${m.paper.epochs} epochs of ${fixed(m.paper.trainImages / 1e6, 1)} M images would take ${fixed(p.paperRunDays, 1)} days on ${p.engine}` : '';
    return `Measured (${p.name}: ${p.engine} on ${p.device}), the ${p.variant} net at ${p.inputSize ?? '?'} px and batch ${p.batchSize ?? '?'}: ${listText([...memory, speed])}${days}`;
  });
}

export function question4(study: StudyModel): Finding {
  const title = 'Question 4: is splitting the net over two devices still needed: how much memory and time does it take on one device today?';
  const m = study.memory;
  if (m === null) return { id: 'q4', title, text: paragraph([notRunQuestion(4)]), tested: false };
  const p = m.paper;
  return {
    id: 'q4',
    title,
    tested: true,
    text: paragraph([
      ...memorySentences(m),
      ...perfSentences(m),
      `The paper: ${p.days[0]}-${p.days[p.days.length - 1]} days on two GTX 580s at about ${p.imagesPerSecond} images/s (${p.epochs} epochs of ${fixed(p.trainImages / 1e6, 1)} M images at that rate: ${fixed(p.computedDays, 1)} days)`,
    ]),
  };
}
