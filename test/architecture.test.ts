/**
 * The layering of src/ (docs/ARCHITECTURE.md), checked on the import statements: each
 * folder imports only the folders its layer allows, no module imports itself through a
 * cycle, and no folder grows past a quarter of src's lines.
 */
import t from 'tap';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const src = join(root, 'src');

/**
 * What each top-level folder of src/ may import (besides itself). Lower layers never see
 * higher ones: core knows nothing; models, data, augment, engine and paper know core;
 * experiment resolves into their types; results records runs; train runs them; ensemble,
 * report, regression and cite only read results; cli sits on top.
 */
const LOWER = ['core', 'paper', 'models', 'data', 'augment', 'engine'];
const ALLOWED: Record<string, readonly string[]> = {
  core: [],
  paper: ['core'],
  models: ['core'],
  data: ['core'],
  augment: ['core', 'data'],
  engine: ['core'],
  experiment: [...LOWER],
  results: [...LOWER, 'experiment'],
  train: [...LOWER, 'experiment', 'results'],
  ensemble: [...LOWER, 'experiment', 'results', 'train'],
  regression: [...LOWER, 'experiment', 'results'],
  cite: [...LOWER, 'experiment', 'results'],
  report: [...LOWER, 'experiment', 'results', 'cite'],
  cli: [...LOWER, 'experiment', 'results', 'train', 'ensemble', 'regression', 'cite', 'report'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(src).map((f) => relative(src, f).split('\\').join('/'));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Relative imports of one file, as paths under src/ with a .ts extension. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(src, file), 'utf8');
  return [...text.matchAll(IMPORT)]
    .map((m) => posix.normalize(posix.join(posix.dirname(file), m[1] ?? m[2])))
    .filter((p) => p.endsWith('.js'))
    .map((p) => p.replace(/\.js$/, '.ts'));
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));
const layer = (file: string) => (file.includes('/') ? file.split('/')[0] : '(top)');

t.test('every folder of src/ has a declared layer', async (t) => {
  const folders = [...new Set(files.map(layer))].sort();
  t.same(folders.filter((f) => !(f in ALLOWED)), [], 'folders without a declared layer (add them to ALLOWED and docs/ARCHITECTURE.md)');
});

t.test('imports run only downward', async (t) => {
  const upward: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const from = layer(file);
      const to = layer(target);
      if (from !== to && !(ALLOWED[from] ?? []).includes(to)) upward.push(`${file} -> ${target}`);
    }
  }
  t.same(upward, [], 'imports a layer may not make');
});

t.test('no import cycle', async (t) => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    stack.push(f);
    for (const g of graph.get(f) ?? []) {
      if (state.get(g) === 'open') cycles.push([...stack.slice(stack.indexOf(g)), g].join(' -> '));
      else if (!state.has(g) && graph.has(g)) visit(g);
    }
    stack.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (!state.has(f)) visit(f);
  t.same(cycles, [], 'import cycles');
});

t.test('no folder holds more than a quarter of src', async (t) => {
  const lines = new Map<string, number>();
  let total = 0;
  for (const f of files) {
    const n = readFileSync(join(src, f), 'utf8').split('\n').length;
    total += n;
    lines.set(layer(f), (lines.get(layer(f)) ?? 0) + n);
  }
  for (const [folder, n] of [...lines].sort()) t.ok(n <= total / 4, `src/${folder}: ${n} of ${total} lines`);
});
