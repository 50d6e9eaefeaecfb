/**
 * A per-layer quantity over training steps, one panel per activation (Question 3): the
 * layout the gradient-norm and saturation charts share.
 */
import type { TopLevelSpec } from 'vega-lite';
import { layerOrder } from '../study/activations.js';
import { baseSpec } from './common.js';

export const ACTIVATION_ORDER = ['relu', 'tanh', 'sigmoid'];

export interface ActivationPanelsOptions {
  title: string;
  subtitle: string;
  /** One row per activation, layer and step; `field` holds the plotted value. */
  values: ReadonlyArray<{ activation: string; layer: string; step: number } & Record<string, unknown>>;
  field: string;
  yTitle: string;
  yScale: Record<string, unknown>;
}

export function activationPanelsSpec(o: ActivationPanelsOptions): TopLevelSpec {
  const layers = [...new Set(o.values.map((v) => v.layer))].sort(layerOrder);
  return {
    ...baseSpec(o.title, o.subtitle),
    data: { values: o.values },
    facet: { field: 'activation', type: 'nominal', title: null, sort: ACTIVATION_ORDER },
    columns: 3,
    spec: {
      width: 220,
      height: 160,
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'training step' },
        y: { field: o.field, type: 'quantitative', title: o.yTitle, scale: o.yScale },
        color: { field: 'layer', type: 'nominal', title: 'layer', sort: layers },
      },
    },
  } as unknown as TopLevelSpec;
}
