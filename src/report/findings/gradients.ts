/**
 * The gradient charts read out in words: at the first step every activation logged, how the
 * last layer's gradient norm compares with the first layer's; and, averaged over the logged
 * steps, the share of saturated units (inactive ones for ReLU) in the layer where a
 * saturating activation saturates most. Medians over seeds, as the charts draw them.
 */
import { fixed } from '../format.js';
import { layerOrder, type GradientSeriesPoint } from '../study/activations.js';
import { listText } from './words.js';

const NAME: Record<string, string> = { relu: 'ReLU', tanh: 'tanh', sigmoid: 'sigmoid' };
const name = (a: string) => NAME[a] ?? a;
const pct = (f: number) => `${fixed(f * 100, 1)}%`;

function normSentence(points: GradientSeriesPoint[], activations: string[]): string | null {
  const layers = [...new Set(points.filter((p) => p.norm !== null).map((p) => p.layer))].sort(layerOrder);
  if (layers.length < 2) return null;
  const [first, last] = [layers[0]!, layers[layers.length - 1]!];
  const norm = (a: string, layer: string, step: number) => points.find((p) => p.activation === a && p.layer === layer && p.step === step)?.norm ?? null;
  const steps = [...new Set(points.map((p) => p.step))].sort((a, b) => a - b);
  const step = steps.find((s) => activations.every((a) => (norm(a, first, s) ?? 0) > 0 && norm(a, last, s) !== null));
  if (step === undefined) return null;
  const ratios = activations.map((a) => `${fixed(norm(a, last, step)! / norm(a, first, step)!)} times with ${name(a)}`);
  return `At step ${step}, the first step every activation logged, ${last}'s gradient norm was ${listText(ratios)} ${first}'s (medians over seeds)`;
}

function meanSaturation(points: GradientSeriesPoint[], a: string, layer: string): number | null {
  const xs = points.filter((p) => p.activation === a && p.layer === layer && p.saturation !== null).map((p) => p.saturation!);
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null;
}

function saturationSentence(points: GradientSeriesPoint[], activations: string[]): string | null {
  const layers = [...new Set(points.filter((p) => p.saturation !== null).map((p) => p.layer))].sort(layerOrder);
  let worst: { a: string; layer: string; value: number } | null = null;
  for (const a of activations.filter((x) => x !== 'relu')) {
    for (const layer of layers) {
      const v = meanSaturation(points, a, layer);
      if (v !== null && (worst === null || v > worst.value)) worst = { a, layer, value: v };
    }
  }
  if (worst === null) return null;
  const others = activations.filter((a) => a !== worst!.a).flatMap((a) => {
    const v = meanSaturation(points, a, worst!.layer);
    if (v === null) return [];
    return [a === 'relu' ? `${pct(v)} of ReLU units inactive (exactly 0)` : `${pct(v)} of ${name(a)} units saturated`];
  });
  return `In ${worst.layer}, averaged over the logged steps, ${pct(worst.value)} of ${name(worst.a)} units were saturated (derivative below 10% of its maximum)${others.length ? `, against ${listText(others)}` : ''}`;
}

/** The sentences reading one experiment's gradient series; none without gradient events. */
export function gradientSentences(points: readonly GradientSeriesPoint[]): string[] {
  if (points.length === 0) return [];
  const activations = ['relu', 'tanh', 'sigmoid'].filter((a) => points.some((p) => p.activation === a));
  return [normSentence([...points], activations), saturationSentence([...points], activations)].filter((s): s is string => s !== null);
}
