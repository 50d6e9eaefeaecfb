/**
 * The suite passes on a machine without the optional Debian packages (`.ci/run` installs
 * them): every test that needs one skips at once, naming it. Checked in two ways:
 * - statically, a test file that mentions a package's paths or the helpers leading to them
 *   asks test/helpers/optional-packages.ts for it (`skipWithout`), so no test can check for
 *   a package its own way, or forget to;
 * - by running each test file that asks, with every package hidden
 *   (BENCH_TEST_HIDE_PACKAGES=all): it passes, its skips name the package, it does not hang.
 * It sits at the top of test/, beside architecture.test.ts, because like that one it checks
 * the suite itself, not a module of src/.
 */
import t from 'tap';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hiddenPackages, HIDE_VARIABLE, OPTIONAL_PACKAGES, PACKAGE_NAMES, skipWithout, type PackageName } from './helpers/optional-packages.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const HELPER = 'test/helpers/optional-packages.ts';

/**
 * Files that hold a marker and need no package, each with the reason. Keep it short: every
 * entry is a place a real dependency could hide.
 */
const NOT_DEPENDENT: Record<string, string> = {
  'test/data/sources.test.ts': 'states the default dataset.path of fashion-mnist as a resolved value; reads nothing there',
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') ? [relative(root, path).split('\\').join('/')] : [];
  });
}

const files = tsFiles(join(root, 'test')).filter((f) => f !== HELPER && f !== 'test/optional-packages.test.ts');
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** The packages a file asks skipWithout for. */
function asked(source: string): PackageName[] {
  const calls = [...source.matchAll(/skipWithout\(([^)]*)\)/g)].map((m) => m[1]);
  return PACKAGE_NAMES.filter((name) => calls.some((args) => args.includes(`'${name}'`)));
}

/** The markers of a package that a file holds, as written there. */
function markersIn(source: string, name: PackageName): string[] {
  return OPTIONAL_PACKAGES[name].markers.flatMap((m) => {
    if (typeof m === 'string') return source.includes(m) ? [m] : [];
    const hit = source.match(m);
    return hit === null ? [] : [hit[0]];
  });
}

/** The packages whose markers a file holds. */
function mentioned(source: string): PackageName[] {
  return PACKAGE_NAMES.filter((name) => markersIn(source, name).length > 0);
}

/** Test files that ask for a package, with the packages they ask for. */
const dependents = new Map(files.filter((f) => f.endsWith('.test.ts')).map((f) => [f, asked(text.get(f)!)] as const).filter(([, names]) => names.length > 0));

t.test('the markers catch the ways a test reaches a package', async (t) => {
  t.same(mentioned("import { renderOffline } from '../helpers/chromium.js';"), ['chromium']);
  t.same(mentioned("existsSync('/usr/share/vulkan/icd.d')"), ['mesa-vulkan-drivers']);
  t.same(mentioned('const d = loadFashionMnist({ trainLimit: 5 });'), ['dataset-fashion-mnist'], 'the default folder');
  t.same(mentioned('const d = loadFashionMnist({ path, trainLimit: 5 });'), [], 'a folder of its own');
  t.same(mentioned("renderPng(svg, DEJAVU_DIR)"), ['fonts-dejavu-core']);
  t.same(asked("t.test('x', { skip: skipWithout('chromium', 'fonts-dejavu-core') }, f)"), ['chromium', 'fonts-dejavu-core']);
});

t.test('every test file that mentions a package\'s paths or helpers asks skipWithout for it', async (t) => {
  const problems = files.flatMap((f) => {
    if (NOT_DEPENDENT[f] !== undefined) return [];
    const source = text.get(f)!;
    if (f.endsWith('.test.ts')) {
      const missing = mentioned(source).filter((name) => !asked(source).includes(name));
      return missing.map((name) => `${f} mentions ${markersIn(source, name).join(', ')} but never asks skipWithout('${name}'); add { skip: skipWithout('${name}') } to the tests that need it`);
    }
    // A helper leads tests to a package; it takes the package's paths from the table, and the tests that use it ask.
    const paths = PACKAGE_NAMES.flatMap((name) => markersIn(source, name).filter((m) => m.startsWith('/')));
    return paths.map((p) => `${f} spells out ${p}; take the path from ${HELPER} instead`);
  });
  t.same(problems, []);
  t.same(Object.keys(NOT_DEPENDENT).filter((f) => !files.includes(f)), [], 'every file listed as not dependent exists');
});

t.test('every package of the table is asked for, and the README says which tests skip without it', async (t) => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  for (const name of PACKAGE_NAMES) {
    const tests = [...dependents].filter(([, names]) => names.includes(name)).map(([f]) => f);
    t.ok(tests.length > 0, `some test asks for ${name}`);
    for (const f of tests) t.ok(readme.includes(`\`${f}\``), `README names ${f} (skips without ${name})`);
  }
});

t.test('BENCH_TEST_HIDE_PACKAGES: names, all, and a typo', async (t) => {
  t.same([...hiddenPackages('')], []);
  t.same([...hiddenPackages('all')], PACKAGE_NAMES);
  t.same([...hiddenPackages(' chromium,fonts-dejavu-core ')], ['chromium', 'fonts-dejavu-core']);
  t.throws(() => hiddenPackages('chromium,chrome'), { message: `${HIDE_VARIABLE}: "chrome" is not an optional package; use "all" or some of ${PACKAGE_NAMES.join(', ')}` });
  const before = process.env[HIDE_VARIABLE];
  t.teardown(() => {
    if (before === undefined) delete process.env[HIDE_VARIABLE];
    else process.env[HIDE_VARIABLE] = before;
  });
  process.env[HIDE_VARIABLE] = 'mesa-vulkan-drivers';
  t.equal(skipWithout('mesa-vulkan-drivers'), `hidden by ${HIDE_VARIABLE}=mesa-vulkan-drivers: needs the Debian package mesa-vulkan-drivers (software Vulkan for the webgpu kernel checks); install it with \`apt-get install mesa-vulkan-drivers\` (.ci/run does)`);
});

interface Run { code: number | string; stdout: string; stderr: string; ms: number }

// WHY 60 s: with its packages hidden a file skips before any wait; alone it takes 2-5 s
// (imports, the tests that need no package), 12 s at most measured inside the full suite on
// a 2-core machine busy with other work. 60 s tells that from a hang (the webgpu check's
// adapter wait is 30 s, its own bound 120 s; the hang this guards against ran 240 s) without
// making this a speed test.
const FILE_WAIT_MS = 60_000;

/**
 * One test file on its own, as tap runs it (node with a TypeScript loader; TAP on stdout),
 * every package hidden. WHY without NODE_OPTIONS and tap's _TAPJS_* variables: they would
 * make the child record coverage into this run's report.
 */
function runHidden(file: string): Promise<Run> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_OPTIONS' && !k.startsWith('_TAPJS_') && !k.startsWith('TAP')));
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', file], { cwd: root, encoding: 'utf8', timeout: FILE_WAIT_MS, killSignal: 'SIGKILL', env: { ...base, [HIDE_VARIABLE]: 'all' } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : (err.code ?? err.signal ?? 'failed'), stdout, stderr, ms: performance.now() - started });
    });
  });
}

// Two lanes, each running its files one after another: the machine has two cores, and each
// child is mostly start-up.
const runs = new Map<string, Promise<Run>>();
for (const lane of [0, 1]) {
  let previous: Promise<unknown> = Promise.resolve();
  for (const file of [...dependents.keys()].filter((_, i) => i % 2 === lane)) {
    const run = previous.then(() => runHidden(file));
    runs.set(file, run);
    previous = run;
  }
}

for (const [file, names] of dependents) {
  t.test(`${file}, every package hidden: passes, skips naming ${names.join(' and ')}, in bounded time`, async (t) => {
    const r = await runs.get(file)!;
    t.equal(r.code, 0, `exit 0 (stderr: ${r.stderr.slice(-2000)})`);
    t.notMatch(r.stdout, /^\s*not ok /m, 'no failing test');
    t.ok(r.ms < FILE_WAIT_MS, `finished in ${Math.round(r.ms / 1000)} s`);
    const skips = r.stdout.split('\n').filter((l) => / # SKIP /.test(l));
    for (const name of names) {
      const reason = `needs the Debian package ${name} (${OPTIONAL_PACKAGES[name].purpose}); install it with \`apt-get install ${name}\` (.ci/run does)`;
      t.ok(skips.some((l) => l.includes(reason)), `a skip says: ${reason}`, { skips });
    }
  });
}
