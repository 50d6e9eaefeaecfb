/** Each hand-written .wat kernel's committed bytes are what it assembles to (npm run wasm). */
import t from 'tap';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WASM_MODULES, wasmModuleText } from '../../../scripts/wasm-modules.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

for (const file of WASM_MODULES) {
  t.test(file.wat, async (t) => {
    const committed = readFileSync(`${repoRoot}/${file.ts}`, 'utf8');
    t.equal(committed, await wasmModuleText(repoRoot, file), `${file.ts} is out of date with ${file.wat}: run npm run wasm`);
  });
}
