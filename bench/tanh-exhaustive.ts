/**
 * The SIMD Tanh (src/engine/wasm-kernels/tanh.ts) against the stock tfjs-backend-wasm Tanh
 * on every float32 bit pattern (2^32 inputs, in chunks of 2^24), bit for bit. Prints the
 * count of differing outputs (0 expected: the two compute the same float operations per
 * value), how many of those are NaNs, and the first few differences. About two minutes.
 *
 *   npx tsx bench/tanh-exhaustive.ts [chunks=256] [first=0]
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { tanhSimd } from '../src/engine/wasm-kernels/tanh.js';

const [chunks = 256, first = 0] = process.argv.slice(2, 4).map(Number);
const CHUNK = 1 << 24;
await tf.setBackend('wasm');
const bits = new Uint32Array(CHUNK);
const ours = new Float32Array(CHUNK);
let differ = 0;
let nanDiffer = 0;
const t0 = performance.now();
for (let c = first; c < first + chunks; c++) {
  for (let i = 0; i < CHUNK; i++) bits[i] = c * CHUNK + i;
  const x = new Float32Array(bits.buffer);
  const xt = tf.tensor1d(x);
  const yt = tf.tanh(xt);
  const stock = yt.dataSync() as Float32Array;
  tf.dispose([xt, yt]);
  tanhSimd(x, ours);
  const a = new Uint32Array(stock.buffer, stock.byteOffset, CHUNK);
  const b = new Uint32Array(ours.buffer);
  for (let i = 0; i < CHUNK; i++) {
    if (a[i] !== b[i]) {
      differ++;
      if (Number.isNaN(stock[i]) && Number.isNaN(ours[i])) nanDiffer++;
      else if (differ - nanDiffer <= 10) {
        console.log(`x ${x[i]} (0x${bits[i].toString(16)}): stock ${stock[i]} (0x${a[i].toString(16)}), ours ${ours[i]} (0x${b[i].toString(16)})`);
      }
    }
  }
}
const inputs = chunks * CHUNK;
console.log(`${inputs} inputs (0x${(first * CHUNK).toString(16)} to 0x${((first + chunks) * CHUNK - 1).toString(16)}): ${differ} differ, ${nanDiffer} of them NaN payloads; ${((performance.now() - t0) / 1000).toFixed(0)} s`);
