/**
 * Median wall time of one backend-level kernel call (no engine, no tape), after one warm-up
 * call; each output is freed at once. Shared by the kernel benchmarks in bench/.
 */
import * as tf from '@tensorflow/tfjs-core';

export function timeKernel(kernel: tf.KernelConfig, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap, reps: number): number {
  const backend = tf.backend();
  const once = (): number => {
    const t0 = performance.now();
    const out = kernel.kernelFunc({ inputs, backend, attrs }) as tf.TensorInfo;
    const ms = performance.now() - t0;
    backend.disposeData(out.dataId);
    return ms;
  };
  once();
  const ms = Array.from({ length: reps }, once).sort((a, b) => a - b);
  return ms[Math.floor(reps / 2)];
}
