/** Loading a hand-written module: compiled once, memory grown on request, null where it cannot compile. */
import t from 'tap';
import { simdModule } from '../../../src/engine/wasm-kernels/simd-module.js';
import { WASM_BASE64 as TANH } from '../../../src/engine/wasm-kernels/tanh-module.js';
import { WASM_BASE64 as MAX_POOL_GRAD } from '../../../src/engine/wasm-kernels/max-pool-grad-module.js';

t.test('each committed module compiles once and grows its memory on request', async (t) => {
  for (const [name, base64] of [['tanh', TANH], ['max-pool-grad', MAX_POOL_GRAD]]) {
    const load = simdModule<Record<string, unknown>>(base64);
    const first = load();
    t.ok(first, `${name} compiles here (Node has WebAssembly SIMD)`);
    t.equal(load(), first, `${name}: one instance`);
    t.ok(first!.floats(3 << 20).byteLength >= 3 << 20, `${name}: memory grown to the bytes asked for`);
  }
});

t.test('a module the runtime cannot compile gives null, so the kernel takes its other path', async (t) => {
  // A SIMD module's header with a body this runtime cannot validate stands for a runtime without SIMD.
  const broken = btoa(String.fromCharCode(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff, 0xff));
  t.equal(simdModule(broken)(), null);
});
