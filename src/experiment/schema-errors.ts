/**
 * Turns Ajv's errors into one message per problem, in the words of messages.ts.
 *
 * Ajv with allErrors reports a failed union (anyOf) as every branch's errors plus "must
 * match a schema in anyOf": for a step schedule with a typo that is a dozen lines about
 * "constant" and "plateau" too. Here a union becomes ONE explanation: the branch the value
 * was meant to be (by its discriminator, e.g. `type`, or else by its JSON type) is
 * validated again on its own and only its errors are reported; a value that fits no
 * branch gets one "use A, B or C".
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { HOLDOUT_FORMATS } from '../data/index.js';
import { pointerToken } from './json-syntax.js';
import { at, describeAllowed, validationMessages as m } from './messages.js';
import { closest } from './suggest.js';

type Node = { [key: string]: unknown };

export interface SchemaErrorContext {
  file: string;
  /** The root schema, for resolving `#/$defs/...` references. */
  root: Node;
  /** A validator for one branch of a union (compiled against the root's $defs). */
  compileBranch: (branch: Node) => ValidateFunction;
}

const UNION_KEYWORDS = new Set(['anyOf', 'oneOf']);
/** Keywords about the value itself (not about an object's keys): one message per value. */
const VALUE_KEYWORDS = new Set(['type', 'enum', 'const', 'minimum', 'exclusiveMinimum', 'maximum', 'exclusiveMaximum', 'minItems', 'maxItems', 'pattern']);
const SEED_POINTER = /^\/seeds\/\d+$|\/dataSeed$/;
/** Where files written before `model.normalization` existed say "lrn": true/false. */
const LRN_POINTER = /^\/model\/lrn$/;
const LRN_AXIS_ITEM = /^(\/matrix(?:\/\d+)?\/lrn)\/\d+$/;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows local `$ref`s ("#/$defs/Name") to the schema they name. */
export function derefIn(root: Node): (schema: Node) => Node {
  const deref = (schema: Node): Node => {
    const ref = schema.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema;
    let target: unknown = root;
    for (const token of ref.slice(2).split('/')) target = isNode(target) ? target[token.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    return isNode(target) ? deref(target) : schema;
  };
  return deref;
}

/** Is `pointer` at or below `ancestor`? */
function within(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(`${ancestor}/`);
}

/** Messages for Ajv's errors: unions collapsed, missing keys merged per object, duplicates dropped. */
export function explainSchemaErrors(errors: readonly ErrorObject[], ctx: SchemaErrorContext): string[] {
  const unions = errors.filter((e) => UNION_KEYWORDS.has(e.keyword));
  // Only the outermost union at a place speaks for everything under it.
  const outer = unions.filter((u) => !unions.some((o) => o !== u && o.instancePath !== u.instancePath && within(u.instancePath, o.instancePath)));
  const out: Array<string | { pointer: string; keys: string[]; parent: Node }> = [];
  // One message per value: 1.5 for "an integer >= 2" is not also "too small".
  const valueExplained = new Set<string>();
  for (const e of errors) {
    const union = outer.find((u) => within(e.instancePath, u.instancePath));
    if (union) {
      if (e === union) out.push(...explainUnion(e, ctx));
      continue;
    }
    if (e.keyword === 'required') {
      const key = String(e.params.missingProperty);
      const group = out.find((g) => typeof g !== 'string' && g.pointer === e.instancePath);
      if (group && typeof group !== 'string') group.keys.push(key);
      else out.push({ pointer: e.instancePath, keys: [key], parent: e.parentSchema as Node });
      continue;
    }
    if (VALUE_KEYWORDS.has(e.keyword)) {
      if (valueExplained.has(e.instancePath)) continue;
      valueExplained.add(e.instancePath);
    }
    out.push(explainOne(e, ctx));
  }
  const deref = derefIn(ctx.root);
  const texts = out.map((g) => (typeof g === 'string' ? g : missingKeys(g.pointer, g.keys, g.parent, ctx.file, deref)));
  return [...new Set(texts)];
}

function missingKeys(pointer: string, keys: string[], parent: Node, file: string, deref: (s: Node) => Node): string {
  const properties = isNode(parent?.properties) ? parent.properties : {};
  const first = properties[keys[0]];
  // With one key missing, say what it takes; with several, naming them is enough.
  const allowed = keys.length === 1 && isNode(first) ? describeAllowed(first, deref) : undefined;
  return m.missingKeys(at(file, pointer), keys, allowed);
}

function explainOne(e: ErrorObject, ctx: SchemaErrorContext): string {
  const where = at(ctx.file, e.instancePath);
  const parent = (e.parentSchema ?? {}) as Node;
  const deref = derefIn(ctx.root);
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(e.params.additionalProperty);
      if (key === 'holdout' && e.instancePath === '/dataset' && isNode(e.data) && typeof e.data.format === 'string') {
        return m.holdoutNotOffered(at(ctx.file, '/dataset/holdout'), e.data.format, HOLDOUT_FORMATS);
      }
      const allowed = Object.keys(isNode(parent.properties) ? parent.properties : {});
      return m.unknownKey(at(ctx.file, `${e.instancePath}/${pointerToken(key)}`), closest(key, allowed), allowed);
    }
    case 'type':
      if (typeof e.data === 'boolean' && LRN_POINTER.test(e.instancePath)) return m.lrnBoolean(where, e.data);
      // One message for the whole axis (identical texts are merged).
      if (typeof e.data === 'boolean' && LRN_AXIS_ITEM.test(e.instancePath)) return m.lrnBooleanAxis(at(ctx.file, LRN_AXIS_ITEM.exec(e.instancePath)![1]));
      return m.wrongType(where, e.data, describeAllowed(parent, deref));
    case 'enum':
      return m.notAllowed(where, e.data, e.schema as unknown[]);
    case 'const':
      return m.notAllowed(where, e.data, [e.schema]);
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      if (e.data === 0 && SEED_POINTER.test(e.instancePath)) return m.seedZero(where);
      return m.outOfRange(where, e.data, e.keyword.endsWith('inimum'), describeAllowed(parent, deref));
    case 'minItems':
    case 'maxItems':
      return m.itemCount(where, Array.isArray(e.data) ? e.data.length : 0, describeAllowed(parent, deref));
    case 'pattern':
      return m.patternMismatch(where, e.data, describeAllowed(parent, deref));
    default:
      return m.schemaOther(where, e.message ?? e.keyword);
  }
}

/** The property every branch fixes with a `const` (e.g. schedule `type`), if any. */
function discriminator(branches: Node[]): string | undefined {
  const constKeys = (b: Node) =>
    Object.entries(isNode(b.properties) ? b.properties : {}).filter(([, p]) => isNode(p) && 'const' in p).map(([k]) => k);
  const [first, ...rest] = branches.map(constKeys);
  return first?.find((k) => rest.every((keys) => keys.includes(k)));
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'number' ? 'number' : typeof value;
}

/** Could `value` be meant as this branch? Judged by JSON type only (integer counts as number). */
function typeFits(branch: Node, value: unknown): boolean {
  if (branch.type === undefined) return true;
  const types = (Array.isArray(branch.type) ? branch.type : [branch.type]).map((t) => (t === 'integer' ? 'number' : t));
  return types.includes(jsonType(value));
}

function explainUnion(u: ErrorObject, ctx: SchemaErrorContext): string[] {
  const deref = derefIn(ctx.root);
  const raw = (Array.isArray(u.schema) ? u.schema : []) as Node[];
  const branches = raw.map(deref);
  const where = at(ctx.file, u.instancePath);
  const tag = branches.every((b) => b.type === 'object') ? discriminator(branches) : undefined;
  if (tag !== undefined) {
    const tags = branches.map((b) => ((b.properties as Node)[tag] as Node).const);
    if (!isNode(u.data)) return [m.unionMismatch(where, u.data, m.taggedObject(tag, tags))];
    if (!(tag in u.data)) return [m.missingKeys(where, [tag], describeAllowed({ enum: tags }, deref))];
    const chosen = tags.indexOf(u.data[tag]);
    if (chosen < 0) return [m.notAllowed(at(ctx.file, `${u.instancePath}/${pointerToken(tag)}`), u.data[tag], tags)];
    return explainBranch(raw[chosen], u, ctx);
  }
  const fitting = raw.filter((_, i) => typeFits(branches[i], u.data));
  // A branch that is one fixed value (earlyStopping's false) is no place to explain from: name every alternative.
  if (fitting.length === 1 && !('const' in deref(fitting[0]))) return explainBranch(fitting[0], u, ctx);
  return [m.unionMismatch(where, u.data, describeAllowed({ anyOf: raw }, deref))];
}

/** Validates the union's value against one branch alone and explains those errors only. */
function explainBranch(branch: Node, u: ErrorObject, ctx: SchemaErrorContext): string[] {
  const validate = ctx.compileBranch(branch);
  if (validate(u.data)) return [];
  const errors = (validate.errors ?? []).map((e) => ({ ...e, instancePath: `${u.instancePath}${e.instancePath}` }));
  return explainSchemaErrors(errors, ctx);
}
