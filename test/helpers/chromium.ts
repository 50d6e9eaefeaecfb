/**
 * Test helper: open a local HTML file in Debian's headless Chromium (package chromium,
 * driven by playwright-core, which never downloads a browser here) with the network cut
 * off, wait until every chart container holds a rendered svg or canvas, and collect
 * everything that went wrong: console errors, page errors, failed or blocked requests.
 * Tests that use it skip without the browser: `skip: skipWithout('chromium')`
 * (./optional-packages.ts).
 */
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_PATH } from './optional-packages.js';

/** No sandbox (it needs privileges containers lack), no GPU, no background traffic (the network is cut off anyway). */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-dev-shm-usage'];

export interface RenderOptions {
  /** The HTML file to open. */
  htmlPath: string;
  /** Where to save a full-page PNG screenshot. */
  screenshotPath: string;
  /** CSS selector of the chart containers; each must end up holding an svg or canvas. */
  chartSelector: string;
  /** At least this many chart containers must exist (a container whose chart failed may lack the selector's class). */
  minCharts?: number;
  /** How long to wait for the charts (a cold Chromium on a busy 2-core VM needs seconds). */
  timeoutMs?: number;
}

export interface RenderResult {
  /** Chart containers expected at least, found, and how many of them hold a rendered svg or canvas. */
  minCharts: number;
  charts: number;
  rendered: number;
  consoleErrors: string[];
  pageErrors: string[];
  /** Requests to anything but file:// (aborted), and any request that failed. */
  blockedRequests: string[];
  failedRequests: string[];
  /** Set when the charts did not all render in time. */
  timedOut: boolean;
}

/** Every problem of a render in one list; empty means the page is good. */
export function renderProblems(r: RenderResult): string[] {
  return [
    ...(r.charts === 0 ? ['no chart containers found'] : []),
    ...(r.charts < r.minCharts ? [`${r.charts} chart containers found, expected at least ${r.minCharts}`] : []),
    ...(r.timedOut || r.rendered < r.charts ? [`${r.rendered} of ${r.charts} charts rendered`] : []),
    ...r.consoleErrors.map((e) => `console error: ${e}`),
    ...r.pageErrors.map((e) => `page error: ${e}`),
    ...r.blockedRequests.map((u) => `network request (blocked): ${u}`),
    ...r.failedRequests.map((u) => `failed request: ${u}`),
  ];
}

export async function renderOffline(opts: RenderOptions): Promise<RenderResult> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  const minCharts = opts.minCharts ?? 1;
  const result: RenderResult = { minCharts, charts: 0, rendered: 0, consoleErrors: [], pageErrors: [], blockedRequests: [], failedRequests: [], timedOut: false };
  try {
    const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:') || url.startsWith('data:')) return route.continue();
      result.blockedRequests.push(url);
      return route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error') result.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => result.pageErrors.push(err.message));
    page.on('requestfailed', (req) => {
      // Requests this helper aborted are already listed as blocked.
      if (!result.blockedRequests.includes(req.url())) result.failedRequests.push(`${req.url()} (${req.failure()?.errorText ?? 'failed'})`);
    });
    await page.goto(pathToFileURL(opts.htmlPath).href, { waitUntil: 'load' });
    const count = (selector: string) => {
      const boxes = [...document.querySelectorAll(selector)];
      return { charts: boxes.length, rendered: boxes.filter((b) => b.querySelector('svg, canvas')).length };
    };
    try {
      await page.waitForFunction(
        ({ selector, atLeast }: { selector: string; atLeast: number }) => {
          const boxes = [...document.querySelectorAll(selector)];
          return boxes.length >= atLeast && boxes.every((b) => b.querySelector('svg, canvas'));
        },
        { selector: opts.chartSelector, atLeast: Math.max(minCharts, 1) },
        { timeout: opts.timeoutMs ?? 20_000 },
      );
    } catch {
      result.timedOut = true;
    }
    Object.assign(result, await page.evaluate(count, opts.chartSelector));
    await page.screenshot({ path: opts.screenshotPath, fullPage: true });
    return result;
  } finally {
    await browser.close();
  }
}
