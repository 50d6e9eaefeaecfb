/**
 * The headless-Chromium driver (test/helpers/chromium.ts) on self-made offline pages: it
 * sees every chart render, and it catches what the report test must fail on (a network
 * fetch, a console error, a chart that never renders).
 */
import t from 'tap';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderOffline, renderProblems } from '../helpers/chromium.js';
import { offlineChartPage } from '../helpers/offline-html.js';
import { skipWithout } from '../helpers/optional-packages.js';

const bars = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values: [{ variant: 'lrn=on', top1: 0.4 }, { variant: 'lrn=off', top1: 0.42 }] },
  mark: 'bar',
  encoding: { x: { field: 'variant', type: 'nominal' }, y: { field: 'top1', type: 'quantitative' } },
};
const line = { ...bars, mark: 'line' };

const PNG_MAGIC = '89504e470d0a1a0a';

t.test('headless Chromium renders an offline vega-embed page', { skip: skipWithout('chromium') }, async (t) => {
  const dir = t.testdir({});
  const render = (name: string, html: string) => {
    writeFileSync(join(dir, `${name}.html`), html);
    return renderOffline({ htmlPath: join(dir, `${name}.html`), screenshotPath: join(dir, `${name}.png`), chartSelector: '.chart', timeoutMs: 15_000 });
  };

  const good = await render('good', offlineChartPage([bars, line]));
  t.same(renderProblems(good), [], 'no problems');
  t.equal(good.charts, 2);
  t.equal(good.rendered, 2);
  t.equal(readFileSync(join(dir, 'good.png')).subarray(0, 8).toString('hex'), PNG_MAGIC, 'screenshot saved as PNG');

  // The $schema URL above is never fetched; a real fetch must be caught.
  const fetching = await render('fetching', offlineChartPage([bars], '<img src="https://example.com/logo.png">'));
  const fetchProblems = renderProblems(fetching);
  t.ok(fetchProblems.includes('network request (blocked): https://example.com/logo.png'), fetchProblems.join('; '));

  const noisy = await render('noisy', offlineChartPage([bars], '<script>console.error("boom")</script>'));
  t.same(renderProblems(noisy), ['console error: boom']);

  const brokenHtml = join(dir, 'broken.html');
  writeFileSync(brokenHtml, offlineChartPage([bars, { mark: 'nope' }]));
  const broken = await renderOffline({ htmlPath: brokenHtml, screenshotPath: join(dir, 'broken.png'), chartSelector: '.chart', timeoutMs: 5_000 });
  t.ok(renderProblems(broken).includes('1 of 2 charts rendered'), renderProblems(broken).join('; '));
  // vega-embed marks a container ".vega-embed" only once its spec compiled: a count catches the rest.
  const counted = await renderOffline({ htmlPath: brokenHtml, screenshotPath: join(dir, 'counted.png'), chartSelector: '.vega-embed', minCharts: 2, timeoutMs: 5_000 });
  t.ok(renderProblems(counted).includes('1 chart containers found, expected at least 2'), renderProblems(counted).join('; '));
});
