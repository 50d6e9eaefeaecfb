/**
 * Test helper: a self-contained HTML page with vega, vega-lite and vega-embed inlined (no
 * network), one container per Vega-Lite spec, for testing the browser driver without the
 * report generator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The packages' exports maps hide build/, so read the files by path.
const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

function bundle(pkg: string, file: string): string {
  const source = readFileSync(join(nodeModules, pkg, 'build', file), 'utf8');
  // A literal "</script" inside inlined code would end the script element early.
  return `<script>${source.replace(/<\/script/gi, '<\\/script')}</script>`;
}

export function offlineChartPage(specs: readonly unknown[], extraHead = ''): string {
  const charts = specs.map((_, i) => `<div class="chart" id="chart-${i}"></div>`).join('\n');
  const embeds = specs.map((spec, i) => `vegaEmbed('#chart-${i}', ${JSON.stringify(spec).replace(/</g, '\\u003c')}, { renderer: 'svg', actions: false });`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>offline charts</title>
${bundle('vega', 'vega.min.js')}
${bundle('vega-lite', 'vega-lite.min.js')}
${bundle('vega-embed', 'vega-embed.min.js')}
${extraHead}
</head><body>
${charts}
<script>${embeds}</script>
</body></html>
`;
}
