/**
 * A figure's SVG (src/core/render-svg.ts) to PNG (@resvg/resvg-js at 2x), a pure function
 * of the SVG: resvg loads only the DejaVu fonts from disk (never the system font list, which
 * differs per machine), so the same spec gives the same bytes everywhere the fonts are the same.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from '../core/render-svg.js';

/** Debian's fonts-dejavu-core (.ci/run installs it). */
export const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';

/** PNG scale: 2x for print and high-density screens. */
export const PNG_ZOOM = 2;

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

/**
 * Whether the figures' fonts are on disk: the font files themselves, not their folder
 * (an empty folder, or one filled by another DejaVu package, would draw PNGs without text).
 */
export function fontsAvailable(fontDir = DEJAVU_DIR): boolean {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].every((f) => existsSync(join(fontDir, f)));
}
