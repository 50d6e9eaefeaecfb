/**
 * The committed Fashion-MNIST study: `bench report` over its committed results
 * (study/fashion-mnist) regenerates the committed report (reports/fashion-mnist) byte for
 * byte, without training anything. The report prints the command that made it, so it is
 * rendered with the same relative paths, from a scratch folder that links the results in.
 * PNG figures carry text only where Debian's DejaVu fonts are installed: without them the
 * test skips, naming the package.
 */
import t from 'tap';
import { readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bench, REPO_ROOT } from '../helpers/cli.js';
import { skipWithout } from '../helpers/optional-packages.js';

const RESULTS = 'study/fashion-mnist';
const REPORT = 'reports/fashion-mnist';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  }).sort();
}

t.test('bench report over the committed study results regenerates the committed report byte for byte', { skip: skipWithout('fonts-dejavu-core') }, async (t) => {
  const dir = t.testdir({ study: {} });
  symlinkSync(join(REPO_ROOT, RESULTS), join(dir, RESULTS));
  const r = bench(['report', RESULTS, '--out', REPORT], { cwd: dir });
  t.equal(r.code, 0, r.stderr);
  const committed = files(join(REPO_ROOT, REPORT)).map((f) => relative(join(REPO_ROOT, REPORT), f));
  const regenerated = files(join(dir, REPORT)).map((f) => relative(join(dir, REPORT), f));
  t.same(regenerated, committed, 'the same files');
  const differing = committed.filter((f) => regenerated.includes(f) && !readFileSync(join(dir, REPORT, f)).equals(readFileSync(join(REPO_ROOT, REPORT, f))));
  t.same(differing, [], 'every file byte-identical (regenerate with: npx bench report study/fashion-mnist --out reports/fashion-mnist)');
});
