import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LineLog, writeFileAtomic, writeJsonAtomic } from '../../src/core/atomic.js';

t.test('atomic writes replace the file whole and leave no temporary files', async (t) => {
  const dir = t.testdir({});
  const path = join(dir, 'summary.json');
  writeJsonAtomic(path, { a: 1 });
  writeJsonAtomic(path, { a: 2 });
  t.same(JSON.parse(readFileSync(path, 'utf8')), { a: 2 });
  writeFileAtomic(join(dir, 'w.bin'), new Uint8Array([1, 2, 3]));
  t.same([...readFileSync(join(dir, 'w.bin'))], [1, 2, 3]);
  t.same(readdirSync(dir).sort(), ['summary.json', 'w.bin']);
});

t.test('a failed write leaves the old file intact', async (t) => {
  const dir = t.testdir({ 'x.json': '{"old":true}\n' });
  t.throws(() => writeFileAtomic(join(dir, 'missing-folder', 'x.json'), 'new'));
  t.equal(readFileSync(join(dir, 'x.json'), 'utf8'), '{"old":true}\n');
});

t.test('the line log appends whole lines', async (t) => {
  const dir = t.testdir({});
  const log = new LineLog(join(dir, 'events.jsonl'));
  log.append('{"a":1}');
  log.sync();
  log.append('{"a":2}');
  log.close();
  t.equal(readFileSync(join(dir, 'events.jsonl'), 'utf8'), '{"a":1}\n{"a":2}\n');
});
