import t from 'tap';
import type { TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY, renderSvg } from '../../src/core/render-svg.js';

const spec = (config?: Record<string, unknown>): TopLevelSpec => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'two bars',
  data: { values: [{ a: 'x', b: 1 }, { a: 'y', b: 2 }] },
  mark: 'bar',
  encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
  ...(config ? { config } : {}),
});

t.test('a spec renders to the same SVG every time, in the font its config names', async (t) => {
  const svg = await renderSvg(spec({ font: FONT_FAMILY }));
  t.match(svg, /^<svg /);
  t.match(svg, />two bars</);
  t.match(svg, `font-family="${FONT_FAMILY}"`);
  t.notMatch(svg, 'font-family="sans-serif"', 'every text in the fixed font');
  t.equal(await renderSvg(spec({ font: FONT_FAMILY })), svg, 'a pure function of the spec');
  t.match(await renderSvg(spec()), 'font-family="sans-serif"', "without the config, vega's default font");
});
