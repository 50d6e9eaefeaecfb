/**
 * A Vega-Lite spec to SVG, shared by the report's figures and the regression history's
 * trend charts: vega's SVG string renderer (renderer "none": no canvas, no DOM), a pure
 * function of the spec.
 *
 * The one core module with a third-party dependency (vega, vega-lite): it sits here so that
 * both report/ and regression/ can use one renderer, and only modules that import it load
 * vega. The font every chart names lives here for the same reason: DejaVu Sans, a fixed
 * font that the report's PNG renderer loads from disk, so text is laid out alike on every
 * machine rather than in whatever the viewer's default font is.
 */
import * as vega from 'vega';
import type * as vegaLite from 'vega-lite';
import { compile } from 'vega-lite';

export const FONT_FAMILY = 'DejaVu Sans';

export async function renderSvg(spec: vegaLite.TopLevelSpec): Promise<string> {
  const compiled = compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
