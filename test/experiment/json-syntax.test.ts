import t from 'tap';
import { positionAt, scanJson } from '../../src/experiment/json-syntax.js';
import { closest, editDistance } from '../../src/experiment/suggest.js';

t.test('positions are 1-based lines and columns', async (t) => {
  const text = '{\n  "a": 1,\n  "b": x\n}';
  t.same(positionAt(text, 0), { line: 1, column: 1 });
  t.same(positionAt(text, text.indexOf('x')), { line: 3, column: 8 });
});

t.test('valid JSON scans clean, whatever its shape', async (t) => {
  for (const text of ['{}', '[]', '"s"', '-0.5e+3', 'null', '{"a": [1, {"b": "\\u00e9\\n"}], "c": true}']) {
    t.same(scanJson(text), { duplicates: [] }, text);
    t.doesNotThrow(() => JSON.parse(text));
  }
});

t.test('the first syntax error, with what was expected and the likely cause', async (t) => {
  const cases: Array<[string, number, string, string, string | undefined]> = [
    ['{"a": 01}', 7, '".", "e" or the end of the number', '"1"', 'leading-zero'],
    ["{'a': 1}", 1, 'a key in double quotes', '"\'"', 'single-quote'],
    ['{a: 1}', 1, 'a key in double quotes', '"a"', 'unquoted-key'],
    ['{"a": "\\x"}', 8, 'an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits', '"x"', undefined],
    ['{"a": 1} x', 9, 'end of file after the top-level value', '"x"', undefined],
    ['[1 2]', 3, '"," or "]" after a value', '"2"', 'missing-comma'],
    ['[1, ]', 4, 'a value', '"]"', 'trailing-comma'],
  ];
  for (const [text, offset, expected, found, cause] of cases) {
    t.same(scanJson(text).error, { offset, expected, found, cause }, text);
    t.throws(() => JSON.parse(text), text);
  }
});

t.test('keys given twice are found at any depth, with pointers', async (t) => {
  const scan = scanJson('{"a": {"b": 1, "b": 2}, "c/d": [{"x": 1, "x": 1}], "a": 3}');
  t.same(scan.duplicates.map((d) => d.pointer), ['/a/b', '/c~1d/0/x', '/a']);
});

t.test('did-you-mean: close typos only, transpositions count once', async (t) => {
  t.equal(editDistance('nmae', 'name'), 1);
  t.equal(editDistance('kitten', 'sitting'), 3);
  t.equal(closest('activaton', ['variant', 'activation']), 'activation');
  t.equal(closest('Activation', ['activation']), 'activation');
  t.equal(closest('optimizer', ['epochs', 'batchSize']), undefined);
  t.equal(closest('z', ['k', 'n']), undefined, 'one-letter keys are not guessed at');
});
