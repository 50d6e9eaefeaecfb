/**
 * Generates experiments/schema.json from the `Experiment` type (types.ts), for
 * `npm run schema` (scripts/write-schema.ts) and the drift test.
 *
 * Dev-time only: it loads the TypeScript compiler through ts-json-schema-generator (a dev
 * dependency), so runtime code must never import this module; validate.ts reads the
 * committed JSON instead.
 *
 * The generator emits draft-07 (`definitions`); editors and Ajv get draft 2020-12
 * (`$defs`) with every object closed (`additionalProperties: false`), so a misspelt key
 * is an error instead of a silently ignored setting.
 */
import { join } from 'node:path';
import {
  DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser, createProgram, type ChainNodeParser, type CompletedConfig,
} from 'ts-json-schema-generator';
import { KeyofRegistryParser, SourceSpecsParser } from './schema-registries.js';

export const SCHEMA_FILE = 'experiments/schema.json';
export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** A URN, not a URL: the schema is not served anywhere; the id only names it for $refs. */
export const SCHEMA_ID = 'urn:alexnet-bench:experiment-schema:1';
const TITLE = 'AlexNet bench experiment';
const DESCRIPTION =
  'One experiment file for `bench run`: a data set, a model, training settings, root seeds ' +
  'and an optional matrix of variants. Generated from src/experiment/types.ts by ' +
  '`npm run schema`; do not edit by hand.';

export type SchemaNode = { [key: string]: unknown };

/** Root keys first in this order (readable file); any others follow alphabetically. */
const ROOT_KEY_ORDER = ['$schema', '$id', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties', '$defs'];

/**
 * Runs the generator on types.ts under `repoRoot`; returns the draft-07 schema as emitted.
 * The registry parsers go first in the chain, so they see the registry types before the
 * generator's own parsers (which cannot evaluate them) do.
 */
export function generateRawSchema(repoRoot: string): SchemaNode {
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: join(repoRoot, 'src/experiment/types.ts'),
    tsconfig: join(repoRoot, 'tsconfig.json'),
    type: 'Experiment',
    // The root is the Experiment object itself (not a $ref), so root errors read "/".
    topRef: false,
    jsDoc: 'extended',
    additionalProperties: false,
    // Property order stays as declared in types.ts: editors and "allowed keys" lists show
    // fields in the order the type documents them.
    sortProps: false,
  };
  const program = createProgram(config);
  const checker = program.getTypeChecker();
  const parser = createParser(program, config, (mutable) => {
    // The augmentor is handed the chain itself; the source parser hands each spec back to it.
    const chain = mutable as ChainNodeParser;
    chain.addNodeParser(new KeyofRegistryParser(checker)).addNodeParser(new SourceSpecsParser(checker, chain));
  });
  const generator = new SchemaGenerator(program, parser, createFormatter(config), config);
  return generator.createSchema('Experiment') as SchemaNode;
}

/** draft-07 output of the generator -> draft 2020-12 with $defs, an id and a title. */
export function toDraft2020(raw: SchemaNode): SchemaNode {
  const { $schema: _draft07, definitions, ...root } = raw;
  const converted = rewriteRefs({ ...root, $defs: definitions ?? {} }) as SchemaNode;
  closeObjects(converted);
  converted.$schema = SCHEMA_DIALECT;
  converted.$id = SCHEMA_ID;
  converted.title = TITLE;
  converted.description = DESCRIPTION;
  return converted;
}

function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (!isNode(node)) return node;
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' ? value.replace(/^#\/definitions\//, '#/$defs/') : rewriteRefs(value);
  }
  return out;
}

/** Every object schema rejects unknown keys (the generator does this; this guarantees it). */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(closeObjects);
  if (!isNode(node)) return;
  if (node.type === 'object' && node.additionalProperties === undefined) node.additionalProperties = false;
  Object.values(node).forEach(closeObjects);
}

/**
 * Stable text: root keys in a fixed order, $defs sorted by name, 2-space indent and a
 * trailing newline, so the committed file only changes when the types do.
 */
export function serializeSchema(schema: SchemaNode): string {
  const ordered: SchemaNode = {};
  const rest = Object.keys(schema).filter((k) => !ROOT_KEY_ORDER.includes(k)).sort();
  for (const key of [...ROOT_KEY_ORDER, ...rest]) {
    if (schema[key] !== undefined) ordered[key] = schema[key];
  }
  if (isNode(schema.$defs)) {
    const defs = schema.$defs;
    ordered.$defs = Object.fromEntries(Object.keys(defs).sort().map((name) => [name, defs[name]]));
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

/** The text `npm run schema` writes to experiments/schema.json. */
export function experimentSchemaText(repoRoot: string): string {
  return serializeSchema(toDraft2020(generateRawSchema(repoRoot)));
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
