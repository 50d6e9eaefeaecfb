/** Provenance names the command as a user types it, never the harness's path on the machine that ran it. */
import t from 'tap';
import { benchCommandLine, collectProvenance } from '../../src/results/provenance.js';

t.test('the command line is "bench" and its arguments', async (t) => {
  t.same(benchCommandLine(['/usr/bin/node', '/home/someone/alexnet-bench/dist/cli/main.js', 'run', 'experiments/x.json', '--engine', 'wasm']), ['bench', 'run', 'experiments/x.json', '--engine', 'wasm']);
  const p = collectProvenance({ engine: { name: 'wasm', version: 'v', device: 'd' }, dataFingerprint: 'sha256:0', dataSkippedFiles: [] });
  t.equal(p.commandLine[0], 'bench');
  t.notOk(p.commandLine.some((a) => a.endsWith('.js') && a.startsWith('/')), 'no script path of this machine');
});
