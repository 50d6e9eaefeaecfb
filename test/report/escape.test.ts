/** User text in every output format: HTML, JSON inside a script element, markdown, LaTeX. */
import t from 'tap';
import { escapeHtml, escapeLatex, escapeMarkdown, escapeMarkdownParagraph, jsonForScript } from '../../src/report/escape.js';

const evil = `<script>"'&`;

t.test('HTML escapes the five specials', async (t) => {
  t.equal(escapeHtml(evil), '&lt;script&gt;&quot;&#39;&amp;');
});

t.test('JSON for a script element never contains "<" and still parses to the same value', async (t) => {
  const s = jsonForScript({ name: `${evil}</script>` });
  t.notMatch(s, /[<>]/);
  t.same(JSON.parse(s), { name: `${evil}</script>` });
});

t.test('markdown backslash-escapes tags, quotes and table pipes, and keeps one line', async (t) => {
  t.equal(escapeMarkdown(`${evil}|a\nb`), '\\<script\\>"\'\\&\\|a b');
  t.equal(escapeMarkdown('-1.4'), '-1.4', 'a number in a cell stays as it is');
  t.equal(escapeMarkdownParagraph('# not a heading'), '\\# not a heading');
  t.equal(escapeMarkdownParagraph('1. not a list'), '1\\. not a list');
  t.equal(escapeMarkdown('a *b* [c](d)'), 'a \\*b\\* \\[c\\](d)');
});

t.test('LaTeX escapes its specials in text mode', async (t) => {
  t.equal(escapeLatex('a_b & 100% $x$ #1 {y} ~^\\'), 'a\\_b \\& 100\\% \\$x\\$ \\#1 \\{y\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}');
  t.equal(escapeLatex(evil), '\\textless{}script\\textgreater{}\\textquotedbl{}\\textquotesingle{}\\&');
});
