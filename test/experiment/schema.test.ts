import t from 'tap';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_DIALECT, SCHEMA_FILE, experimentSchemaText, serializeSchema, toDraft2020 } from '../../scripts/schema.js';
import { DATASET_FORMATS } from '../../src/data/index.js';
import { ACTIVATION_NAMES } from '../../src/models/activations.js';
import { MODEL_VARIANTS } from '../../src/models/variants.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const committedText = readFileSync(join(repoRoot, SCHEMA_FILE), 'utf8');

type Node = { [key: string]: unknown };

function walk(node: unknown, visit: (n: Node) => void): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit));
  if (typeof node !== 'object' || node === null) return;
  visit(node as Node);
  Object.values(node).forEach((n) => walk(n, visit));
}

t.test('the committed schema matches the types (run npm run schema after changing types.ts)', async (t) => {
  const generated = experimentSchemaText(repoRoot).split('\n');
  const committed = committedText.split('\n');
  const differs = generated.findIndex((l, i) => l !== committed[i]);
  const line = differs < 0 ? Math.min(generated.length, committed.length) : differs;
  const drift = differs < 0 && generated.length === committed.length ? '' : ` (first difference on line ${line + 1})`;
  t.equal(drift, '', `${SCHEMA_FILE} is out of date with src/experiment/types.ts${drift}: run npm run schema`);
});

t.test('the schema is draft 2020-12, closed, with $defs only', async (t) => {
  const schema = JSON.parse(committedText) as Node;
  t.equal(schema.$schema, SCHEMA_DIALECT);
  t.type(schema.$id, 'string');
  t.type(schema.title, 'string');
  t.notOk('definitions' in schema, 'no draft-07 definitions');
  const defs = schema.$defs as Node;
  walk(schema, (n) => {
    if (typeof n.$ref === 'string') {
      t.match(n.$ref, /^#\/\$defs\//, `${n.$ref} points into $defs`);
      t.ok(defs[(n.$ref as string).slice('#/$defs/'.length)], `${n.$ref} exists`);
    }
    if (n.type === 'object') t.equal(n.additionalProperties, false, 'every object rejects unknown keys');
  });
  t.same(Object.keys(defs), Object.keys(defs).sort(), '$defs are sorted');
  t.ok(committedText.endsWith('}\n'), 'trailing newline');
});

t.test('the registries give the schema its variants, activations and data formats, in order', async (t) => {
  const defs = (JSON.parse(committedText) as { $defs: Record<string, Node> }).$defs;
  t.same(defs.ModelVariant.enum, [...MODEL_VARIANTS]);
  t.same(defs.Activation.enum, [...ACTIVATION_NAMES]);
  const formats = (defs.DatasetSpec.anyOf as Node[]).map((branch) => {
    const def = defs[(branch.$ref as string).slice('#/$defs/'.length)];
    return ((def.properties as Record<string, Node>).format as Node).const;
  });
  t.same(formats, [...DATASET_FORMATS]);
  // The enum cannot describe its values, so the type's JSDoc does: it must name each one.
  for (const v of MODEL_VARIANTS) t.match(defs.ModelVariant.description, `"${v}"`, `ModelVariant's description explains "${v}"`);
});

t.test('conversion rewrites refs, closes objects and serializes deterministically', async (t) => {
  const raw = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { b: { $ref: '#/definitions/B' } },
    definitions: { B: { type: 'object', properties: { x: { type: 'number' } } }, A: { type: 'string' } },
  };
  const text = serializeSchema(toDraft2020(raw));
  const schema = JSON.parse(text);
  t.equal(schema.properties.b.$ref, '#/$defs/B');
  t.equal(schema.$defs.B.additionalProperties, false);
  t.same(Object.keys(schema.$defs), ['A', 'B']);
  t.same(Object.keys(schema).slice(0, 4), ['$schema', '$id', 'title', 'description']);
  t.equal(serializeSchema(toDraft2020(raw)), text, 'same input, same text');
});
