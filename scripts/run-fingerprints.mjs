#!/usr/bin/env node
// Prints "<experiment> <run id> <status> <weight sha256> <final val errors>" for every run
// under the given results folders, sorted: diff the output of two folders to show that a
// change kept run ids, weights and numbers identical (e.g. a restructuring).
//   node scripts/run-fingerprints.mjs results/quickstart > before.txt
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function* summaries(dir) {
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const sub = join(dir, name.name);
    if (existsSync(join(sub, 'summary.json'))) yield JSON.parse(readFileSync(join(sub, 'summary.json'), 'utf8'));
    else yield* summaries(sub);
  }
}
const lines = process.argv.slice(2).flatMap((d) => [...summaries(d)]).map((s) =>
  [s.experiment, s.runId, s.status, s.weightsSha256, JSON.stringify(s.final?.val?.errors ?? null)].join(' '));
process.stdout.write(lines.sort().join('\n') + '\n');
