/**
 * `bench models --memory`: a table of every declared variant's training memory, its JSON
 * equal to netMemory, and its options checked (exit 2 with the fix).
 */
import t from 'tap';
import { bench } from '../helpers/cli.js';
import { netMemory } from '../../src/models/memory.js';
import { MODEL_VARIANTS, variantConfig } from '../../src/models/variants.js';

t.test('--memory: the table and the JSON of every variant', async (t) => {
  const table = bench(['models', '--memory']);
  t.equal(table.code, 0, table.stderr);
  t.match(table.stdout, /^variant\s+input\s+parameters\s+weights\s+gradients\s+momentum\s+activations\s+total\n/);
  // The paper at 227 px, batch 128: 60,965,224 x 4 bytes = 232.6 MiB; activations 2,079,811 values an image.
  t.match(table.stdout, /\npaper\s+227 px\s+60,965,224\s+232\.6 MiB\s+232\.6 MiB\s+232\.6 MiB\s+1015\.5 MiB\s+1713\.2 MiB\n/);
  t.match(table.stdout, /Training memory at batch 128, 1000 classes, float32/);
  const json = bench(['models', '--memory', '--batch', '32', '--input', '99', '--classes', '10', '--json']);
  t.equal(json.code, 0, json.stderr);
  const rows = JSON.parse(json.stdout) as Array<{ name: string; inputSize: number; memory: unknown }>;
  t.same(rows.map((r) => r.name), MODEL_VARIANTS);
  for (const r of rows) t.same(r.memory, netMemory(variantConfig(r.name as never, { inputSize: 99, classes: 10 }), { batchSize: 32 }), `${r.name}: netMemory`);
});

t.test('--batch needs --memory and a positive integer', async (t) => {
  const alone = bench(['models', '--batch', '16']);
  t.equal(alone.code, 2);
  t.match(alone.stderr, /--batch: 16 is not allowed without --memory; add --memory or leave --batch out/);
  const zero = bench(['models', '--memory', '--batch', '0']);
  t.equal(zero.code, 2);
  t.match(zero.stderr, /--batch: 0 is not allowed; use "a positive integer"/);
});
