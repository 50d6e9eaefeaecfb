/**
 * Installs the project's conv gradient kernels on tfjs's wasm backend. Idempotent: the
 * stock Conv2DBackpropInput is kept (for the shapes the fast path leaves to it) and the
 * registry is only touched once per process.
 */
import * as tf from '@tensorflow/tfjs-core';
import { conv2dBackpropFilterWasm } from './conv2d-backprop-filter.js';
import { conv2dBackpropInputFast, conv2dInfoForInputGrad, preferStock } from './conv2d-backprop-input.js';

const BACKEND = 'wasm';

let stockBackpropInput: tf.KernelConfig | undefined;
let installed = false;
let fallbackLogged = false;

/** Register Conv2DBackpropFilter (absent from tfjs-backend-wasm) and the fast Conv2DBackpropInput. */
export function registerWasmConvKernels(): void {
  if (installed) return;
  if (tf.getKernel(tf.Conv2DBackpropFilter, BACKEND) === undefined) {
    tf.registerKernel({ kernelName: tf.Conv2DBackpropFilter, backendName: BACKEND, kernelFunc: conv2dBackpropFilterWasm as tf.KernelFunc });
  }
  const stock = tf.getKernel(tf.Conv2DBackpropInput, BACKEND);
  if (stock === undefined) throw new Error('tfjs-backend-wasm registered no Conv2DBackpropInput; is it imported?');
  stockBackpropInput = stock;
  tf.unregisterKernel(tf.Conv2DBackpropInput, BACKEND);
  // setupFunc: the stock kernel binds its wasm function in setup; if the backend is
  // initialised after this swap, the engine runs setup through our config instead.
  tf.registerKernel({ kernelName: tf.Conv2DBackpropInput, backendName: BACKEND, kernelFunc: backpropInput as tf.KernelFunc, setupFunc: stock.setupFunc });
  installed = true;
}

function backpropInput(args: { inputs: tf.NamedTensorInfoMap; backend: object; attrs?: tf.NamedAttrMap }): tf.TensorInfo | tf.TensorInfo[] {
  const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const info = conv2dInfoForInputGrad(attrs, filter.shape);
  const why = preferStock(attrs, info);
  if (why === null) return conv2dBackpropInputFast(args.backend, dy, filter, info);
  logFallbackOnce(why);
  return (stockBackpropInput as tf.KernelConfig).kernelFunc(args as Parameters<tf.KernelFunc>[0]);
}

/** WHY stderr and once: a fallback is slower, never wrong; one line explains a slow step. */
function logFallbackOnce(why: string): void {
  if (fallbackLogged) return;
  fallbackLogged = true;
  process.stderr.write(`wasm Conv2DBackpropInput: using the stock (slower) tfjs kernel for ${why}; logged once\n`);
}
