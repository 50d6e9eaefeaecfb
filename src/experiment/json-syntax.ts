/**
 * A small JSON syntax checker, used beside JSON.parse for what JSON.parse does not say:
 * where the first syntax error is and what was expected there (Node 20's messages give a
 * position for some errors and none for others, and change between Node versions), and
 * which object keys appear twice (JSON.parse silently keeps the last one, so a duplicated
 * setting would be ignored without a word).
 */

export interface JsonPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors count for the BMP). */
  column: number;
}

export interface JsonSyntaxError {
  offset: number;
  /** What the grammar allows here, in words ("a value", "\",\" or \"}\""). */
  expected: string;
  /** What is there instead, in words ("end of file", "\"}\""). */
  found: string;
  /** The mistake this most likely is, when recognisable (trailing comma, comment, ...). */
  cause?: 'trailing-comma' | 'missing-comma' | 'comment' | 'single-quote' | 'unquoted-key' | 'control-character' | 'leading-zero';
}

export interface DuplicateKey {
  /** JSON pointer of the repeated key. */
  pointer: string;
  firstOffset: number;
  offset: number;
}

export interface JsonScan {
  error?: JsonSyntaxError;
  duplicates: DuplicateKey[];
}

export function positionAt(text: string, offset: number): JsonPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Thrown inside the scanner only, to unwind to scanJson at the first error. */
class Stop {
  constructor(readonly error: JsonSyntaxError) {}
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class Scanner {
  pos = 0;
  readonly duplicates: DuplicateKey[] = [];
  constructor(private readonly text: string) {}

  document(): void {
    this.value('');
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('end of file after the top-level value');
  }

  private value(pointer: string): void {
    this.skipWhitespace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(pointer);
    if (c === '[') return this.array(pointer);
    if (c === '"') return void this.string();
    if (c === '-' || isDigit(c)) return this.number();
    for (const word of ['true', 'false', 'null']) if (this.text.startsWith(word, this.pos)) return void (this.pos += word.length);
    this.fail('a value', c === "'" ? 'single-quote' : undefined);
  }

  private object(pointer: string): void {
    this.pos++;
    const seen = new Map<string, number>();
    this.skipWhitespace();
    if (this.text[this.pos] === '}') return void this.pos++;
    for (;;) {
      this.skipWhitespace();
      const keyOffset = this.pos;
      if (this.text[this.pos] !== '"') this.fail('a key in double quotes', this.keyMistake(seen.size > 0));
      const key = this.string();
      const keyPointer = `${pointer}/${pointerToken(key)}`;
      const first = seen.get(key);
      if (first !== undefined) this.duplicates.push({ pointer: keyPointer, firstOffset: first, offset: keyOffset });
      else seen.set(key, keyOffset);
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') this.fail('":" after the key');
      this.pos++;
      this.value(keyPointer);
      this.skipWhitespace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      if (this.text[this.pos] === '}') return void this.pos++;
      this.fail('"," or "}" after a value', this.commaMistake());
    }
  }

  private array(pointer: string): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === ']') return void this.pos++;
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      if (index > 0 && this.text[this.pos] === ']') this.fail('a value', 'trailing-comma');
      this.value(`${pointer}/${index}`);
      this.skipWhitespace();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      if (this.text[this.pos] === ']') return void this.pos++;
      this.fail('"," or "]" after a value', this.commaMistake());
    }
  }

  /** Reads a string at the opening quote; returns its decoded value. */
  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('a closing \'"\'');
      if (c === '"') break;
      if (c < ' ') this.fail('a character or an escape such as \\n', 'control-character');
      if (c === '\\') this.escape();
      else this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private escape(): void {
    const c = this.text[this.pos + 1];
    if (c !== undefined && ESCAPES.has(c)) return void (this.pos += 2);
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) return void (this.pos += 6);
    this.pos++;
    this.fail('an escape: \\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and 4 hex digits');
  }

  private number(): void {
    if (this.text[this.pos] === '-') this.pos++;
    if (this.text[this.pos] === '0') {
      this.pos++;
      if (isDigit(this.text[this.pos])) this.fail('".", "e" or the end of the number', 'leading-zero');
    } else {
      this.digits();
    }
    if (this.text[this.pos] === '.') { this.pos++; this.digits(); }
    if (this.text[this.pos] === 'e' || this.text[this.pos] === 'E') {
      this.pos++;
      if (this.text[this.pos] === '+' || this.text[this.pos] === '-') this.pos++;
      this.digits();
    }
  }

  private digits(): void {
    if (!isDigit(this.text[this.pos])) this.fail('a digit');
    while (isDigit(this.text[this.pos])) this.pos++;
  }

  private skipWhitespace(): void {
    while (this.pos < this.text.length && WHITESPACE.has(this.text[this.pos])) this.pos++;
  }

  private keyMistake(afterComma: boolean): JsonSyntaxError['cause'] {
    const c = this.text[this.pos];
    if (c === '}' && afterComma) return 'trailing-comma';
    if (c === "'") return 'single-quote';
    if (c !== undefined && /[A-Za-z_$]/.test(c)) return 'unquoted-key';
    return undefined;
  }

  /** A value starting where a separator was expected: most likely a forgotten comma. */
  private commaMistake(): JsonSyntaxError['cause'] {
    const c = this.text[this.pos];
    return c !== undefined && /["{[\-0-9tfn]/.test(c) ? 'missing-comma' : undefined;
  }

  private fail(expected: string, cause?: JsonSyntaxError['cause']): never {
    const found = this.describeFound();
    const isComment = this.text.startsWith('//', this.pos) || this.text.startsWith('/*', this.pos);
    throw new Stop({ offset: this.pos, expected, found, cause: cause ?? (isComment ? 'comment' : undefined) });
  }

  /**
   * The offending token in words: a string literal as written (`"seeds"`), a whole word
   * for letters (`tru`), else one character.
   */
  private describeFound(): string {
    if (this.pos >= this.text.length) return 'end of file';
    const literal = /^"[^"\\\n]{0,40}"/.exec(this.text.slice(this.pos, this.pos + 42));
    if (literal) return literal[0];
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 40));
    const token = word ? word[0] : this.text[this.pos];
    if (token === '\n') return 'a line break';
    if (token < ' ') return `control character U+${token.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`;
    return JSON.stringify(token);
  }
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** The first syntax error (if any) and every duplicated key before it. */
export function scanJson(text: string): JsonScan {
  const scanner = new Scanner(text);
  try {
    scanner.document();
    return { duplicates: scanner.duplicates };
  } catch (e) {
    if (e instanceof Stop) return { error: e.error, duplicates: scanner.duplicates };
    throw e;
  }
}
