/**
 * Starts the wasm engine (threads from BENCH_WASM_THREADS), runs one op and returns from
 * the module without process.exit: the process must then end on its own
 * (test/engine/drivers/wasm-threads.test.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { useEngine } from '../../src/engine/engines.js';

const engine = await useEngine('wasm');
const a = tf.randomNormal([64, 64], 0, 1, 'float32', 3);
const total = (await tf.sum(tf.matMul(a, a)).data())[0];
process.stdout.write(`${JSON.stringify({ device: engine.device, finite: Number.isFinite(total) })}\n`);
