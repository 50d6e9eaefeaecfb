/**
 * Identity for wasm: the output shares the input's memory (one more reference), as the
 * cpu backend's Identity does, instead of copying it.
 *
 * WHY: tfjs's engine clones every tensor a gradient needs when it records an op for the
 * backward pass (Engine.saveTensorsForBackwardMode: keep(clone(t))), and a clone is one
 * Identity call. The stock wasm Identity copies the whole buffer, so a training step copied
 * every saved activation and weight once more: ~50-100 copies per step, each a kernel call
 * on the small nets and megabytes of heap on the large ones. Sharing is safe because no
 * kernel writes into an existing buffer: every kernel writes a fresh output, and
 * Variable.assign swaps the variable's buffer rather than writing into it. The values are
 * the same bits either way, so no result changes.
 *
 * Cast to the tensor's own dtype is the same copy in the stock wasm kernel (tfjs's ReLU
 * gradient casts its float32 input to float32 every step), so it shares too.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { KernelArgs, KernelResult, StockKernel } from '../kernel-overrides.js';

interface RefCountingBackend {
  incRef(dataId: object): void;
}

export function identityWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const x = args.inputs.x as tf.TensorInfo;
  // Strings live outside the heap; the stock kernel handles them (no training tensor is one).
  if (x.dtype === 'string') return stock.run(args);
  (args.backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

export function castWasm(args: KernelArgs, stock: StockKernel): KernelResult {
  const x = args.inputs.x as tf.TensorInfo;
  if (x.dtype === 'string' || x.dtype !== (args.attrs as { dtype?: string }).dtype) return stock.run(args);
  (args.backend as RefCountingBackend).incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
