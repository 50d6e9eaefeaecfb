/**
 * LRN gradient for the webgpu backend. tfjs's shader loops over every channel pair for each
 * output element (O(C^2) per element: 192^2 at conv2); this one uses the window's symmetry.
 *
 * With norm_d = bias + alpha * sum_{|k-d|<=r} x_k^2 and y_d = x_d * norm_d^-beta:
 *   dx_c = dy_c * norm_c^-beta - 2 * alpha * beta * x_c * sum_{|d-c|<=r} dy_d * y_d / norm_d
 * (windows clipped to [0, C)), which is the stock kernel's sum regrouped: 2r+1 norms of
 * 2r+1 terms per element.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { WebgpuBackendLike } from './conv-gemm.js';

class LrnGradProgram {
  variableNames = ['x', 'y', 'dy'];
  uniforms = 'depthRadius : i32, bias : f32, alpha : f32, beta : f32,';
  workgroupSize: [number, number, number] = [64, 1, 1];
  size = true;
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  shaderKey = 'projLrnGrad';

  constructor(shape: number[]) {
    this.outputShape = shape;
    this.dispatchLayout = { x: shape.map((_, i) => i) };
    // runWebGPUProgram reshapes a dispatch over the per-dimension limit.
    this.dispatch = [Math.ceil(shape.reduce((a, b) => a * b, 1) / 64), 1, 1];
  }

  getUserCode(): string {
    return `
fn normAt(base: i32, d: i32, depth: i32) -> f32 {
  var s = 0.0;
  let lo = max(0, d - uniforms.depthRadius);
  let hi = min(depth - 1, d + uniforms.depthRadius);
  for (var k = lo; k <= hi; k++) { let v = x[base + k]; s += v * v; }
  return uniforms.bias + uniforms.alpha * s;
}

${'fn main(index : i32)'} {
  if (index < uniforms.size) {
    let depth = uniforms.outShape[3];
    let c = index % depth;
    let base = index - c;
    let lo = max(0, c - uniforms.depthRadius);
    let hi = min(depth - 1, c + uniforms.depthRadius);
    var cross = 0.0;
    var own = 0.0;
    for (var d = lo; d <= hi; d++) {
      let n = normAt(base, d, depth);
      cross += dy[base + d] * y[base + d] / n;
      if (d == c) { own = dy[base + d] * pow(n, -uniforms.beta); }
    }
    result[index] = own - 2.0 * uniforms.alpha * uniforms.beta * x[index] * cross;
  }
}
`;
  }
}

export function lrnGradWebgpu(backend: WebgpuBackendLike, inputs: { x: tf.TensorInfo; y: tf.TensorInfo; dy: tf.TensorInfo }, attrs: tf.LRNGradAttrs): tf.TensorInfo {
  const uniforms = [
    { type: 'int32', data: [attrs.depthRadius] },
    { type: 'float32', data: [attrs.bias] },
    { type: 'float32', data: [attrs.alpha] },
    { type: 'float32', data: [attrs.beta] },
  ];
  return backend.runWebGPUProgram(new LrnGradProgram(inputs.x.shape), [inputs.x, inputs.y, inputs.dy], 'float32', uniforms);
}
