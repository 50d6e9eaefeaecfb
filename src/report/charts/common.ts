/**
 * What every report chart shares: the schema, a fixed font (DejaVu Sans, which the PNG
 * renderer loads from disk, so SVG and PNG text agree on every machine) and a chart record.
 */
import type { TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY } from '../../core/render-svg.js';

export const CHART_CONFIG = {
  font: FONT_FAMILY,
  // No animation or interaction: a report figure is a static picture.
  view: { stroke: '#ddd' },
  // Variant names are long ("activation=relu,lrn=on"): never cut them short.
  axis: { labelLimit: 360 },
  legend: { labelLimit: 360 },
} as const;

export interface Chart {
  /** File stem under figures/ (kebab-case, unique in the report). */
  id: string;
  title: string;
  /** One or two sentences under the figure: what is drawn and how to read it. */
  caption: string;
  spec: TopLevelSpec;
  /** Index of the experiment the chart belongs to; undefined for charts across experiments. */
  experimentIndex?: number;
  /** The study section (question) the chart belongs to; undefined for the report's other charts. */
  section?: 'q1' | 'q2' | 'q3' | 'q4';
}

export function baseSpec(title: string, subtitle?: string | string[]): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle ? { text: title, subtitle } : title,
    config: CHART_CONFIG,
  };
}

/** A file-name-safe stem from user text (experiment names are free text in old results). */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}
