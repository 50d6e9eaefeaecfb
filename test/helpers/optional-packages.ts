/**
 * The optional Debian packages some tests need, in one table, and the one way a test asks
 * for one: `t.test(name, { skip: skipWithout('chromium') }, ...)`. `.ci/run` installs them
 * all, so CI runs every test; on a machine without one, the tests that need it skip at
 * once, naming the package and the line that installs it, and the rest of the suite runs.
 *
 * BENCH_TEST_HIDE_PACKAGES (package names, comma-separated, or `all`) makes the tests
 * behave as if those packages were absent, so the skips can be checked on a machine that
 * has them (test/optional-packages.test.ts does).
 */
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FASHION_MNIST_DEFAULT_PATH } from '../../src/data/fashion-mnist.js';
import { DEJAVU_DIR } from '../../src/report/render-figure.js';

/** Where the Vulkan loader finds Debian's lavapipe driver manifest; `*` is the architecture. */
const LAVAPIPE_MANIFEST = '/usr/share/vulkan/icd.d/lvp_icd.*.json';

/** Debian's headless browser, which playwright-core drives (it never downloads one here). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface OptionalPackage {
  /** What the tests use it for, as the skip reason says it. */
  purpose: string;
  /** Paths that exist once it is installed (a `*` in the last part matches any name). */
  proof: string[];
  /** Off Linux the platform's own equivalent stands in for it (Metal stands in for lavapipe), so it counts as present. */
  linuxOnly?: boolean;
  /**
   * What shows that a test file relies on the package: its paths, and the constants and
   * helpers that lead to them. test/optional-packages.test.ts fails on a test file that
   * holds one of them without asking skipWithout for the package.
   */
  markers: (string | RegExp)[];
}

export const OPTIONAL_PACKAGES = {
  'dataset-fashion-mnist': {
    purpose: 'the real Fashion-MNIST files',
    proof: [FASHION_MNIST_DEFAULT_PATH],
    // The last: a loader call that names no path reads the default folder.
    markers: ['/usr/share/datasets', 'FASHION_MNIST_DEFAULT_PATH', /loadFashionMnist\((?![^)]*\bpath\b)/],
  },
  chromium: {
    purpose: 'the headless browser the report is rendered in',
    proof: [CHROMIUM_PATH],
    markers: ['/usr/bin/chromium', 'CHROMIUM_PATH', 'helpers/chromium.js', 'playwright-core'],
  },
  'mesa-vulkan-drivers': {
    purpose: 'software Vulkan for the webgpu kernel checks',
    proof: [LAVAPIPE_MANIFEST],
    linuxOnly: true,
    markers: ['/usr/share/vulkan', 'lvp_icd', 'check.deno'],
  },
  'fonts-dejavu-core': {
    purpose: 'the fonts the report\'s PNG figures are drawn with',
    // WHY the font files, not the folder: fonts-dejavu-extra fills the same folder, and an
    // empty folder is not the fonts the committed figures were drawn with.
    proof: [join(DEJAVU_DIR, 'DejaVuSans.ttf'), join(DEJAVU_DIR, 'DejaVuSans-Bold.ttf')],
    markers: ['/usr/share/fonts', 'DEJAVU_DIR', 'fontsAvailable', 'renderPng'],
  },
} satisfies Record<string, OptionalPackage>;

export type PackageName = keyof typeof OPTIONAL_PACKAGES;

export const PACKAGE_NAMES = Object.keys(OPTIONAL_PACKAGES) as PackageName[];

export const HIDE_VARIABLE = 'BENCH_TEST_HIDE_PACKAGES';

/** The packages BENCH_TEST_HIDE_PACKAGES hides; a name not in the table is an error, so a typo cannot hide nothing quietly. */
export function hiddenPackages(value = process.env[HIDE_VARIABLE] ?? ''): Set<PackageName> {
  const names = value.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (names.includes('all')) return new Set(PACKAGE_NAMES);
  const unknown = names.filter((n) => !PACKAGE_NAMES.includes(n as PackageName));
  if (unknown.length > 0) throw new Error(`${HIDE_VARIABLE}: ${unknown.map((n) => `"${n}"`).join(', ')} ${unknown.length === 1 ? 'is not an optional package' : 'are not optional packages'}; use "all" or some of ${PACKAGE_NAMES.join(', ')}`);
  return new Set(names as PackageName[]);
}

/** Whether `path` exists; a `*` in its last part matches any run of characters. */
function present(path: string): boolean {
  if (!basename(path).includes('*')) return existsSync(path);
  const dir = dirname(path);
  const pattern = new RegExp(`^${basename(path).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return existsSync(dir) && readdirSync(dir).some((f) => pattern.test(f));
}

/** What is missing, or undefined when the package is there. */
function missing(name: PackageName, hidden: Set<PackageName>, platform: NodeJS.Platform): string | undefined {
  if (hidden.has(name)) return `hidden by ${HIDE_VARIABLE}=${process.env[HIDE_VARIABLE]}`;
  const pkg: OptionalPackage = OPTIONAL_PACKAGES[name];
  if (pkg.linuxOnly === true && platform !== 'linux') return undefined;
  const absent = pkg.proof.filter((p) => !present(p));
  return absent.length === 0 ? undefined : `${absent.join(' and ')} ${absent.length === 1 ? 'is' : 'are'} missing`;
}

/** The skip reason for a test that needs `name`: what is missing, what the package is for, and how to install it. */
export function packageReason(name: PackageName, why: string): string {
  return `${why}: needs the Debian package ${name} (${OPTIONAL_PACKAGES[name].purpose}); install it with \`apt-get install ${name}\` (.ci/run does)`;
}

/**
 * For tap's `skip`: false when every package named is installed (and not hidden), else the
 * reason naming the first one missing.
 */
export function skipWithout(...names: PackageName[]): string | false {
  const hidden = hiddenPackages();
  for (const name of names) {
    const why = missing(name, hidden, process.platform);
    if (why !== undefined) return packageReason(name, why);
  }
  return false;
}
