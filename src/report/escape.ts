/**
 * Experiment names, descriptions, variants and messages are user text. Every writer escapes
 * them for its own format, so a name like `<script>"'` shows as text everywhere.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c]!);
}

/** JSON for a <script type="application/json"> body: "<" never appears, so no "</script" can end it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Markdown (CommonMark/GFM, inside table cells too): backslash-escape the marks that change
 * meaning anywhere in a line: emphasis and code (`*_~`), links (`[]`), raw HTML (`<>&`,
 * which markdown renderers pass through), math (`$`), a table cell boundary (`|`) and the
 * backslash itself. Line breaks become spaces so a cell stays one line.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\`*_{}[\]<>|~&$]/g, (c) => `\\${c}`);
}

/** escapeMarkdown for text that starts a paragraph: a leading `#`, `+`, `-` or `1.` would start a block. */
export function escapeMarkdownParagraph(text: string): string {
  return escapeMarkdown(text).replace(/^([#+-])/, '\\$1').replace(/^(\d+)\./, '$1\\.');
}

const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '%': '\\%',
  '^': '\\textasciicircum{}',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '"': '\\textquotedbl{}',
  "'": '\\textquotesingle{}',
  '|': '\\textbar{}',
};

/** LaTeX text mode (needs \usepackage[T1]{fontenc} and textcomp for the quote glyphs, as results.tex says). */
export function escapeLatex(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/[\\{}$&#_%^~<>"'|]/g, (c) => LATEX[c]!);
}
