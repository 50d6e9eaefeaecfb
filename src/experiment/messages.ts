/**
 * Every message about an experiment file, in one place, so the wording stays consistent:
 * `<file>: <json pointer>: <what is wrong>; <what is allowed or the fix>`.
 * Builders take `where` (see `at`) first, like src/core/errors.ts `messages`, whose generic
 * ones (notAllowed, fileNotFound) are reused as they are.
 */
import { messages as common, oneOf, quote } from '../core/errors.js';
import { LRN_NORMALIZATION_NAMES } from '../models/normalizations.js';
import type { JsonPosition, JsonSyntaxError } from './json-syntax.js';

type Node = { [key: string]: unknown };

/** `file: /pointer`; the document root is written "/". */
export function at(file: string, pointer: string): string {
  return `${file}: ${pointer === '' ? '/' : pointer}`;
}

/** "a", "a or b", "a, b or c", unquoted (for phrases). */
function alternatives(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique.join('');
  return `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
}

/** "a and b", "a, b and c", each quoted. */
function quotedAnd(items: readonly string[]): string {
  const q = items.map((i) => quote(i));
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Patterns as the user should read them (the regex itself is not an explanation). */
const PATTERN_HINTS: Record<string, string> = {
  '^[a-z0-9][a-z0-9._-]*$': 'lowercase letters, digits, ".", "_" and "-", starting with a letter or digit',
};

const JSON_CAUSE_FIXES: Record<NonNullable<JsonSyntaxError['cause']>, string> = {
  'trailing-comma': 'remove the comma before it (JSON allows no trailing commas)',
  'missing-comma': 'add a comma before it',
  comment: 'remove the comment (JSON has no comments; use "description")',
  'single-quote': 'use double quotes',
  'unquoted-key': 'put the key in double quotes',
  'control-character': 'close the string on the same line, or write \\n for a line break',
  'leading-zero': 'write numbers without leading zeros',
};

/** What a JSON value is, for "X is <kind>" (lists and objects as users call them). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'not a whole number';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function boundsPhrase(s: Node): string {
  const bounds: string[] = [];
  if (typeof s.minimum === 'number') bounds.push(`>= ${s.minimum}`);
  if (typeof s.exclusiveMinimum === 'number') bounds.push(`> ${s.exclusiveMinimum}`);
  if (typeof s.maximum === 'number') bounds.push(`<= ${s.maximum}`);
  if (typeof s.exclusiveMaximum === 'number') bounds.push(`< ${s.exclusiveMaximum}`);
  return bounds.length ? ` ${bounds.join(' and ')}` : '';
}

function countPhrase(s: Node): string {
  const min = typeof s.minItems === 'number' ? s.minItems : undefined;
  const max = typeof s.maxItems === 'number' ? s.maxItems : undefined;
  if (min !== undefined && min === max) return `exactly ${plural(min, 'item')}`;
  if (min !== undefined && max !== undefined) return `${min} to ${max} items`;
  if (min !== undefined) return `at least ${plural(min, 'item')}`;
  return max !== undefined ? `at most ${plural(max, 'item')}` : '';
}

/**
 * What a schema allows, as alternatives in words: `"relu"`, `an integer >= 1`,
 * `an object with "k", "n", "alpha" or "beta"`. `deref` resolves `$ref`s.
 */
export function allowedValues(schema: Node, deref: (s: Node) => Node): string[] {
  const s = deref(schema);
  if ('const' in s) return [quote(s.const)];
  if (Array.isArray(s.enum)) return s.enum.map((v) => quote(v));
  const union = (s.anyOf ?? s.oneOf) as Node[] | undefined;
  if (Array.isArray(union)) return union.flatMap((b) => allowedValues(b, deref));
  switch (s.type) {
    case 'integer':
      return [`an integer${boundsPhrase(s)}`];
    case 'number':
      return [`a number${boundsPhrase(s)}`];
    case 'boolean':
      return ['true', 'false'];
    case 'string': {
      const pattern = typeof s.pattern === 'string' ? PATTERN_HINTS[s.pattern] ?? `matching ${s.pattern}` : '';
      return [pattern ? `a string of ${pattern}` : 'a string'];
    }
    case 'array': {
      const count = countPhrase(s);
      const items = s.items && typeof s.items === 'object' ? alternatives(allowedValues(s.items as Node, deref)) : '';
      return [`a list${count ? ` of ${count}` : ''}${items ? `, each ${items}` : ''}`];
    }
    case 'object': {
      const keys = Object.keys((s.properties ?? {}) as Node);
      return [keys.length ? `an object with keys from ${quotedAnd(keys)}` : 'an object'];
    }
    default:
      return ['a value'];
  }
}

export function describeAllowed(schema: Node, deref: (s: Node) => Node): string {
  return alternatives(allowedValues(schema, deref));
}

/** Bytes in binary units to 3 significant digits: "4 GiB", "23.5 GiB", "2.73 PiB". */
export function bytesInWords(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}

/** How much synthetic data was asked for and what fits (src/experiment/synthetic-fits.ts). */
interface SyntheticFit {
  count: number;
  imageSize: number;
  channels: number;
  needBytes: number;
  maxImages: number;
  key: 'trainSize' | 'valSize';
}

function imagesOf(f: SyntheticFit): string {
  return `${f.count} images of ${f.imageSize}x${f.imageSize}x${f.channels}`;
}

export const validationMessages = {
  notAReferenceRow: (where: string, value: string, allowed: readonly string[]) =>
    `${where}: ${JSON.stringify(value)} is not a paper reference row; use one of ${allowed.map((a) => JSON.stringify(a)).join(', ')} (src/paper/paper-reference.json)`,
  fileNotFound: (file: string) => common.fileNotFound(file, 'the experiment file'),
  unreadable: (file: string, reason: string) => `${file}: cannot read the experiment file (${reason}); check its permissions`,
  invalidJson: (file: string, pos: JsonPosition, e: JsonSyntaxError) =>
    `${file}:${pos.line}:${pos.column}: not valid JSON: expected ${e.expected}, found ${e.found}` +
    (e.cause ? `; ${JSON_CAUSE_FIXES[e.cause]}` : ''),
  /** When the syntax checker and JSON.parse disagree: JSON.parse's own words. */
  invalidJsonRaw: (file: string, reason: string) => `${file}: not valid JSON: ${reason}; check the syntax`,
  duplicateKey: (where: string, firstLine: number) =>
    `${where}: key given twice (first on line ${firstLine}); keep one (JSON would silently use the last)`,
  unknownKey: (where: string, suggestion: string | undefined, allowed: readonly string[]) =>
    suggestion !== undefined
      ? `${where}: unknown key; did you mean ${quote(suggestion)}?`
      : `${where}: unknown key; allowed here: ${allowed.length ? oneOf(allowed) : 'no keys'}`,
  missingKeys: (where: string, keys: readonly string[], allowed?: string) =>
    `${where}: missing required key${keys.length === 1 ? '' : 's'} ${quotedAnd(keys)}` +
    (allowed ? `; add ${quote(keys[0])}: ${allowed}` : ''),
  wrongType: (where: string, value: unknown, allowed: string) => `${where}: ${quote(value)} is ${kindOf(value)}; use ${allowed}`,
  notAllowed: (where: string, value: unknown, allowed: readonly unknown[]) => common.notAllowed(where, value, allowed),
  outOfRange: (where: string, value: unknown, tooSmall: boolean, allowed: string) =>
    `${where}: ${quote(value)} is too ${tooSmall ? 'small' : 'large'}; use ${allowed}`,
  seedZero: (where: string) =>
    `${where}: 0 is not allowed; use an integer >= 1 (tfjs treats seed 0 as "no seed", so runs would not repeat)`,
  itemCount: (where: string, count: number, allowed: string) => `${where}: ${plural(count, 'item')}; use ${allowed}`,
  patternMismatch: (where: string, value: unknown, allowed: string) => `${where}: ${quote(value)} is not allowed; use ${allowed}`,
  /** A value of any other shape than the alternatives of a union. */
  unionMismatch: (where: string, value: unknown, allowed: string) => `${where}: ${quote(value)} is ${kindOf(value)}; use ${allowed}`,
  /** A discriminated union given something other than an object. */
  taggedObject: (tag: string, tags: readonly unknown[]) => `an object with ${quote(tag)}: ${oneOf(tags)}`,
  /** Ajv's words, for a keyword this module has no message for (should not happen). */
  schemaOther: (where: string, ajvMessage: string) => `${where}: ${ajvMessage}; see experiments/schema.json`,
  repeated: (where: string, value: unknown, firstPointer: string) =>
    `${where}: ${quote(value)} repeats ${firstPointer}; list each value once`,
  lrnWindowEven: (where: string, n: number) =>
    `${where}: ${n} is even; use an odd window (the paper: 5): the window is centred on the channel`,
  topKTooLarge: (where: string, k: number, classes: number) =>
    `${where}: top-${k} error is always 0 with ${classes} classes; use values below ${classes} (dataset.classes)`,
  duplicateName: (where: string, name: string, otherFile: string) =>
    `${where}: ${quote(name)} is also the name of ${otherFile}; give each experiment its own name (it names the results folder)`,
  inputSizeDefaultTooLarge: (where: string, variant: string, defaultPx: number, imagePx: number) =>
    `${where}: variant ${quote(variant)} expects ${defaultPx} px input but dataset.imageSize is ${imagePx}; ` +
    `set model.inputSize (<= ${imagePx}) and a model.stem for small images, e.g. {"kernelSize": 5, "stride": 1, "padding": 2}`,
  inputSizeTooLarge: (where: string, inputPx: number, imagePx: number) =>
    `${where}: ${inputPx} is larger than the images (dataset.imageSize ${imagePx}); use at most ${imagePx} (inputs are centre crops)`,
  kernelsNotDivisible: (where: string, kernels: number, towers: number, towersFrom: string) =>
    `${where}: ${kernels} is not divisible by towers ${towers} (${towersFrom}); use a multiple of ${towers} (each tower gets an equal share)`,
  lrnWithoutLrnNormalization: (where: string, normalization: string, from: string) =>
    `${where}: LRN parameters are given but normalization is ${quote(normalization)} (${from}); ` +
    `set "normalization" to ${oneOf(LRN_NORMALIZATION_NAMES)} to use them, or remove "lrn"`,
  /** `"lrn": true/false` of files written before normalization was its own setting. */
  lrnBoolean: (where: string, value: boolean) =>
    `${where}: ${value} is a boolean; LRN is switched with "normalization" now: replace "lrn": ${value} with ` +
    `"normalization": ${quote(value ? 'lrn' : 'none')} ("lrn" takes only an object of LRN parameters)`,
  lrnBooleanAxis: (where: string) =>
    `${where}: true and false are no longer LRN values; the matrix switches LRN with the "normalization" axis: ` +
    `replace "lrn": [true, false] with "normalization": ["lrn", "none"] ("lrn" takes only objects of LRN parameters)`,
  layerCount: (where: string, c: { count: number; variant: string; layout: string; layers: readonly string[]; kind: string }) =>
    `${where}: ${plural(c.count, 'count')} given; variant ${quote(c.variant)} (layout ${quote(c.layout)}) has ` +
    `${plural(c.layers.length, `${c.kind} layer`)}${c.layers.length ? ` (${c.layers.join(', ')})` : ''}; give ${c.layers.length}`,
  variantDefault: (variant: string) => `the default of variant ${quote(variant)}`,
  badModel: (where: string, reason: string) => `${where}: ${reason}`,
  sameRuns: (where: string, a: string, b: string) =>
    `${where}: variants ${quote(a)} and ${quote(b)} resolve to the same run; remove one of the values`,
  syntheticOverMemory: (where: string, f: SyntheticFit & { memoryBytes: number; otherCount: number }) =>
    `${where}: ${imagesOf(f)} and the ${f.otherCount} of ${f.key === 'trainSize' ? 'valSize' : 'trainSize'} need ${bytesInWords(f.needBytes)}; ` +
    `this machine has ${bytesInWords(f.memoryBytes)}, room for at most ${f.maxImages} beside those ${f.otherCount}; ` +
    `use a smaller ${f.maxImages > 0 ? f.key : 'imageSize'} (synthetic data is generated whole in memory)`,
  syntheticOverArrayLimit: (where: string, f: SyntheticFit & { maxArrayBytes: number }) =>
    `${where}: ${imagesOf(f)} are ${bytesInWords(f.needBytes)} in one array; this Node.js allows at most ${bytesInWords(f.maxArrayBytes)} ` +
    `in one (${f.maxImages} images of this size); use a smaller ${f.maxImages > 0 ? f.key : 'imageSize'}`,
  earlyStoppingNeedsTop1: (where: string, topK: readonly number[]) =>
    `${where}: ${quote(topK)} has no 1, but early stopping watches the top-1 error; add 1 to the list or turn training.earlyStopping off`,
  holdoutNotOffered: (where: string, format: string, formats: readonly string[]) =>
    `${where}: the ${quote(format)} data source offers no holdout split (${quotedAnd(formats)} do); ` +
    'remove "holdout" (early stopping then monitors the val split)',
  /** Suffix naming the matrix variant a problem belongs to. */
  inVariant: (label: string) => ` (matrix variant ${label})`,
} as const;
