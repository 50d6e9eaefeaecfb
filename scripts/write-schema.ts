/**
 * `npm run schema`: regenerate experiments/schema.json from src/experiment/types.ts.
 * Run it after changing the types; the schema drift test fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCHEMA_FILE, experimentSchemaText } from './schema.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const target = join(repoRoot, SCHEMA_FILE);
writeFileSync(target, experimentSchemaText(repoRoot));
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
