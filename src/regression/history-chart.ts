/**
 * Trend charts: one Vega-Lite spec per metric (commits on x, mean over seeds on y, one line
 * per variant, step changes ringed in red), and its SVG rendered in Node by the report's
 * renderer (src/core/render-svg.ts), in the report's fixed font.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type * as vegaLite from 'vega-lite';
import { writeFileAtomic, writeJsonAtomic } from '../core/atomic.js';
import { FONT_FAMILY, renderSvg } from '../core/render-svg.js';
import { metricNames, trends, type History, type TrendPoint } from './history.js';

export function trendSpec(history: History, metric: string, points: TrendPoint[]): vegaLite.TopLevelSpec {
  const values = points.filter((p) => p.metric === metric).map((p) => ({ ...p, label: `${p.index + 1}: ${p.commit.slice(0, 8)}` }));
  const x = { field: 'label', type: 'ordinal' as const, title: 'commit (in order added)', sort: { field: 'index' } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: `${history.experiment}: ${metric}`,
    config: { font: FONT_FAMILY },
    width: 480,
    height: 240,
    data: { values },
    layer: [
      { mark: { type: 'line', point: true }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: metric, scale: { zero: false } }, color: { field: 'variant', type: 'nominal' } } },
      {
        transform: [{ filter: 'datum.step' }],
        mark: { type: 'point', size: 200, color: 'red', strokeWidth: 2 },
        encoding: { x, y: { field: 'mean', type: 'quantitative' } },
      },
    ],
  } as vegaLite.TopLevelSpec;
}

export interface RenderedHistory {
  files: string[];
  steps: TrendPoint[];
}

/** File-name-safe form of a metric name (val.top1Error -> val-top1Error). */
function fileStem(metric: string): string {
  return metric.replace(/[^A-Za-z0-9]+/g, '-');
}

export async function renderHistory(history: History, outDir: string): Promise<RenderedHistory> {
  mkdirSync(outDir, { recursive: true });
  const points = trends(history);
  const files: string[] = [];
  for (const metric of metricNames(history)) {
    const spec = trendSpec(history, metric, points);
    const stem = join(outDir, fileStem(metric));
    writeJsonAtomic(`${stem}.vl.json`, spec);
    writeFileAtomic(`${stem}.svg`, await renderSvg(spec));
    files.push(`${stem}.vl.json`, `${stem}.svg`);
  }
  const steps = points.filter((p) => p.step);
  writeJsonAtomic(join(outDir, 'steps.json'), steps);
  files.push(join(outDir, 'steps.json'));
  return { files, steps };
}
