/**
 * Runs other kernels of a backend from inside a kernel, at the backend level.
 *
 * WHY not tf ops: inside a kernelFunc the engine is mid-kernel; tf ops would create
 * engine-tracked Tensors in the caller's scope (and tape entries under tf.grad), and the
 * kernel must return a TensorInfo anyway. tfjs's own composite kernels call the other
 * kernelFuncs directly and free intermediates with backend.disposeData; this does the same,
 * looking the kernels up in the registry so no deep import into the backend's files is needed.
 */
import * as tf from '@tensorflow/tfjs-core';

interface DisposingBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

/** The two BackendWasm methods its own kernels use to write an output in JS. */
interface HeapBackend extends DisposingBackend {
  makeOutput(shape: number[], dtype: 'float32'): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array;
}

export class BackendOps {
  private readonly made: tf.TensorInfo[] = [];

  constructor(
    private readonly backend: object,
    private readonly backendName: string,
  ) {}

  /** Run one registered kernel; its output is freed by release() unless it is the result. */
  run(kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap = {}): tf.TensorInfo {
    const config = tf.getKernel(kernelName, this.backendName);
    if (config === undefined) {
      throw new Error(`kernel ${kernelName} is not registered for backend ${this.backendName}`);
    }
    const out = config.kernelFunc({ inputs, backend: this.backend, attrs });
    if (Array.isArray(out)) {
      out.forEach((o) => this.made.push(o));
      throw new Error(`kernel ${kernelName} returned several outputs; one was expected`);
    }
    this.made.push(out);
    return out;
  }

  /** Track an output made outside run()/write() so that release() frees it too. */
  adopt(info: tf.TensorInfo): tf.TensorInfo {
    this.made.push(info);
    return info;
  }

  /**
   * A float32 output written in JS straight into the wasm heap. WHY: for plain memory
   * moves (flipping filter rows) this is 100x faster than the wasm Reverse kernel, which
   * moves one element at a time.
   */
  write(shape: number[], fill: (out: Float32Array, heap: (info: tf.TensorInfo) => Float32Array) => void): tf.TensorInfo {
    const backend = this.backend as HeapBackend;
    const out = backend.makeOutput(shape, 'float32');
    this.made.push(out);
    fill(backend.typedArrayFromHeap(out), (info) => backend.typedArrayFromHeap(info));
    return out;
  }

  /**
   * Free every intermediate except `keep`. Reshape-like kernels share a dataId and bump its
   * reference count, so one disposeData per returned info is exactly right.
   */
  release(keep?: tf.TensorInfo): void {
    const backend = this.backend as DisposingBackend;
    for (const info of this.made) {
      if (info !== keep) backend.disposeData(info.dataId);
    }
    this.made.length = 0;
  }
}

/** Run `body` with a fresh BackendOps; intermediates are freed even when body throws. */
export function composeKernels(
  backend: object,
  backendName: string,
  body: (ops: BackendOps) => tf.TensorInfo,
): tf.TensorInfo {
  const ops = new BackendOps(backend, backendName);
  let result: tf.TensorInfo | undefined;
  try {
    result = body(ops);
    return result;
  } finally {
    ops.release(result);
  }
}
