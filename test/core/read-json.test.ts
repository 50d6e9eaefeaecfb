import t from 'tap';
import { join } from 'node:path';
import { readJson } from '../../src/core/read-json.js';

t.test('the value, or the error with whatever text could be read', async (t) => {
  const dir = t.testdir({ 'good.json': '{"a":[1,2]}', 'bad.json': '{"a":' });
  t.same(readJson(join(dir, 'good.json')), { value: { a: [1, 2] }, text: '{"a":[1,2]}', error: null });
  const bad = readJson(join(dir, 'bad.json'));
  t.equal(bad.value, null);
  t.equal(bad.text, '{"a":', 'the text as written');
  t.type(bad.error, SyntaxError);
  const missing = readJson(join(dir, 'none.json'));
  t.equal(missing.text, '');
  t.equal((missing.error as NodeJS.ErrnoException).code, 'ENOENT');
});
