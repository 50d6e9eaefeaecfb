/**
 * A Vega-Lite spec to SVG (vega's SVG string renderer, renderer "none": no canvas, no DOM)
 * and PNG (@resvg/resvg-js at 2x). Both are pure functions of the spec: resvg loads only
 * the DejaVu fonts from disk (never the system font list, which differs per machine), so the
 * same spec gives the same bytes everywhere the fonts are the same.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import { FONT_FAMILY } from './charts/common.js';

/** Debian's fonts-dejavu-core (.ci/run installs it). */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

/** PNG scale: 2x for print and high-density screens. */
export const PNG_ZOOM = 2;

export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

export function renderPng(svg: string, fontDir = DEJAVU_DIR): Buffer {
  const fontDirs = existsSync(fontDir) ? [fontDir] : [];
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: PNG_ZOOM },
    background: 'white',
    // Without DejaVu on disk text is not drawn at all rather than drawn in whatever font this machine has.
    font: { loadSystemFonts: false, fontDirs, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    logLevel: 'off',
  });
  return Buffer.from(resvg.render().asPng());
}

export function fontsAvailable(fontDir = DEJAVU_DIR): boolean {
  return existsSync(fontDir);
}
