/**
 * `npm run wasm`: reassemble every hand-written WebAssembly kernel (scripts/wasm-modules.ts)
 * into its TypeScript module. Run it after editing a .wat file; a test fails until you do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WASM_MODULES, wasmModuleText } from './wasm-modules.js';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
for (const file of WASM_MODULES) {
  writeFileSync(join(repoRoot, file.ts), await wasmModuleText(repoRoot, file));
  process.stdout.write(`wrote ${file.ts}\n`);
}
